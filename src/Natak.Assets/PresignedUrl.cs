namespace Natak.Assets;

/// <summary>A URL signed locally with the store's credentials, valid until <see cref="ExpiresAt"/>.</summary>
public sealed record PresignedUrl(Uri Url, DateTimeOffset ExpiresAt);
