using Natak.Assets;

namespace Natak.Orchestrations.Pipelines.Activities;

/// <summary>Limits for the photos a character is trained on.</summary>
public static class TrainingImages
{
    /// <summary>The largest single photo accepted (phone photos are a few MB; 20 MB leaves room for RAW-ish JPEGs).</summary>
    public const long MaxBytesPerImage = 20L * 1024 * 1024;

    /// <summary>The largest zip accepted by URL (4–30 photos).</summary>
    public const long MaxZipBytes = 600L * 1024 * 1024;

    public static FetchLimits ImageLimits { get; } = new(new HashSet<string>(StringComparer.Ordinal)
    {
        AssetContentTypes.Jpeg, AssetContentTypes.Png, AssetContentTypes.Webp,
    }, MaxBytesPerImage);
}
