using Natak.Core.Requests;

namespace Natak.Api.Money;

/// <summary>
/// The cost breakdown's §8 volume table as forecast lines: its three columns (basic image $0.013, premium image
/// $0.064, video $0.25 each — §7's examples 2 and 3, and WAN 2.5's 5 s at $0.05/s) at its four monthly volumes.
/// </summary>
internal static class ForecastDefaults
{
    public static IReadOnlyList<long> Volumes { get; } = [1_000, 10_000, 50_000, 100_000];

    /// <summary>Example 2: an idea written into a prompt, one 1024² image of the catalogue's default image model.</summary>
    public static ImageRequest BasicImage { get; } = new()
    {
        Idea = "a portrait in soft window light",
        Width = 1024,
        Height = 1024,
    };

    /// <summary>Example 3: the basic image with an outfit change (segmentation + inpainting) and a 5× upscale.</summary>
    public static ImageRequest PremiumImage { get; } = BasicImage with
    {
        Outfit = new OutfitOptions { Description = "a red summer dress" },
        Upscale = 5,
    };

    /// <summary>
    /// §8's $0.25 video: 5 s of WAN 2.5 at 720p from the user's own start frame and prompt. (§7's examples 4 and 5 add
    /// a written prompt and a character reference frame: $0.21 and $0.26.)
    /// </summary>
    public static VideoRequest Video { get; } = new()
    {
        Model = "wan-2.5",
        Prompt = "she turns to the camera and smiles",
        ImageUrl = "https://example.com/start-frame.jpg",
        Resolution = "720p",
        DurationSeconds = 5,
    };

    public static IReadOnlyList<(string Name, IMediaRequest Request)> Outputs { get; } =
    [
        ("basic image", BasicImage),
        ("premium image", PremiumImage),
        ("video", Video),
    ];
}
