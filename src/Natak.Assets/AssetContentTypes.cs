using System.Collections.Frozen;

namespace Natak.Assets;

/// <summary>
/// The content types Natak stores, as recognised from the bytes themselves by <see cref="ContentSniffer"/>,
/// and the usual sets of them. Any allow-list handed to the store or the fetcher is made of these.
/// </summary>
public static class AssetContentTypes
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Webp = "image/webp";
    public const string Gif = "image/gif";
    public const string Avif = "image/avif";
    public const string Heic = "image/heic";
    public const string Mp4 = "video/mp4";
    public const string QuickTime = "video/quicktime";
    public const string Webm = "video/webm";
    public const string Zip = "application/zip";

    /// <summary>A JSON document (a LoRA training run's config file).</summary>
    public const string Json = "application/json";

    /// <summary>
    /// A safetensors file (a LoRA's weights). It has no registered media type; it is stored as
    /// <c>application/octet-stream</c> and only accepted when the bytes start with a safetensors header.
    /// </summary>
    public const string Safetensors = "application/octet-stream";

    /// <summary>Still images a user or a provider may hand us.</summary>
    public static readonly FrozenSet<string> Images = FrozenSet.Create(StringComparer.Ordinal, Jpeg, Png, Webp, Gif, Avif, Heic);

    /// <summary>Videos a user or a provider may hand us.</summary>
    public static readonly FrozenSet<string> Videos = FrozenSet.Create(StringComparer.Ordinal, Mp4, QuickTime, Webm);

    /// <summary>What a client may put through <c>POST /api/uploads</c>: images and videos.</summary>
    public static readonly FrozenSet<string> Uploadable = FrozenSet.Create(StringComparer.Ordinal, [.. Images, .. Videos]);

    /// <summary>Every type the sniffer recognises.</summary>
    public static readonly FrozenSet<string> All = FrozenSet.Create(StringComparer.Ordinal, [.. Uploadable, Zip, Safetensors, Json]);

    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpg"] = Jpeg,
        ["image/pjpeg"] = Jpeg,
        ["image/x-png"] = Png,
        ["image/heif"] = Heic,
        ["video/x-m4v"] = Mp4,
        ["application/x-zip-compressed"] = Zip,
        ["application/x-zip"] = Zip,
        ["binary/octet-stream"] = Safetensors,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The canonical form of a declared media type: lower case, parameters dropped, common aliases mapped
    /// (<c>image/jpg</c> → <c>image/jpeg</c>). Null for an empty or malformed value.
    /// </summary>
    public static string? Normalize(string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(mediaType))
        {
            return null;
        }

        var bare = mediaType.Split(';', 2)[0].Trim().ToLowerInvariant();
        var slash = bare.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == bare.Length - 1 || bare.IndexOf('/', slash + 1) >= 0)
        {
            return null;
        }

        return Aliases.TryGetValue(bare, out var canonical) ? canonical : bare;
    }

    /// <summary>
    /// Whether content whose bytes say <paramref name="sniffed"/> may be served as <paramref name="declared"/>.
    /// A generic declaration (none, or <c>application/octet-stream</c>) says nothing and is compatible with
    /// anything; MP4 and QuickTime share one container format and are interchangeable.
    /// </summary>
    public static bool IsCompatible(string? declared, string sniffed)
    {
        var canonical = Normalize(declared);
        if (canonical is null || canonical == Safetensors || canonical == sniffed)
        {
            return true;
        }

        return IsIsoMedia(canonical) && IsIsoMedia(sniffed);
    }

    private static bool IsIsoMedia(string type) => type is Mp4 or QuickTime;
}
