namespace Natak.Assets;

/// <summary>An object just copied, with its first bytes as they passed through (for reading its header).</summary>
/// <param name="Stored">The object written.</param>
/// <param name="Prefix">Its first bytes: the requested count, or all of a smaller object.</param>
public sealed record CopiedAsset(StoredAsset Stored, ReadOnlyMemory<byte> Prefix);
