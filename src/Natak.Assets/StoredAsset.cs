namespace Natak.Assets;

/// <summary>An object just written: small enough to travel in orchestration payloads.</summary>
/// <param name="Key">The object key.</param>
/// <param name="ContentType">The stored content type (for copies: the type the bytes show).</param>
/// <param name="Size">Bytes stored.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the bytes, computed while streaming.</param>
public sealed record StoredAsset(string Key, string ContentType, long Size, string Sha256);
