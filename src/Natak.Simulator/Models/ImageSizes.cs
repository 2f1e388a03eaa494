namespace Natak.Simulator;

/// <summary>fal's named image sizes.</summary>
internal static class ImageSizes
{
    public static readonly IReadOnlyDictionary<string, (int Width, int Height)> Presets = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["square_hd"] = (1024, 1024),
        ["square"] = (512, 512),
        ["portrait_4_3"] = (768, 1024),
        ["portrait_16_9"] = (576, 1024),
        ["landscape_4_3"] = (1024, 768),
        ["landscape_16_9"] = (1024, 576),
    };
}
