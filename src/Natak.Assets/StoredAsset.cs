namespace Natak.Assets;

/// <summary>An object just written: small enough to travel in orchestration payloads.</summary>
/// <param name="Key">The object key.</param>
/// <param name="ContentType">The stored content type (for copies: the type the bytes show).</param>
/// <param name="Size">Bytes stored.</param>
public sealed record StoredAsset(string Key, string ContentType, long Size);
