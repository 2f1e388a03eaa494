using Natak.Core.Requests;

namespace Natak.Core.Tests.Pricing;

/// <summary>Requests for the cost breakdown's pipelines (§7), shared by the quote, credit and forecast tests.</summary>
internal static class Requests
{
    public static CharacterRequest NewCharacter(int? steps = null) => new()
    {
        Name = "Maya",
        ImageUrls = [.. Enumerable.Range(1, 4).Select(i => $"https://uploads.example.com/maya-{i}.jpg")],
        Quality = "fast",
        Steps = steps,
    };

    public static ImageRequest BasicImage() => new()
    {
        Idea = "a woman reading in a sunlit cafe",
        Model = "z-image-turbo",
        Width = 1024,
        Height = 1024,
    };

    public static ImageRequest PremiumImage() => BasicImage() with
    {
        Outfit = new OutfitOptions { Description = "red summer dress" },
        Upscale = 5,
    };

    public static VideoRequest LtxVideo() => new()
    {
        Model = "ltx-2-fast",
        Idea = "she turns and smiles",
        CharacterId = "chr_maya",
        DurationSeconds = 5,
        Resolution = "1080p",
        Rating = "nsfw",
    };

    public static VideoRequest WanVideo() => LtxVideo() with { Model = "wan-2.5", Resolution = "720p", Rating = "sfw" };

    public static VideoRequest PremiumVideo() => LtxVideo() with { Model = "kling-2.6-pro", Resolution = "1080p", Rating = "sfw", Audio = true };
}
