namespace Natak.Assets;

/// <summary>What the store knows of an object without reading it.</summary>
/// <param name="Key">The object key.</param>
/// <param name="Size">Bytes.</param>
/// <param name="ContentType">Content type from a HEAD; null in listings, which do not carry it.</param>
/// <param name="LastModified">When the object was written, when the store says.</param>
public sealed record AssetInfo(string Key, long Size, string? ContentType, DateTimeOffset? LastModified);
