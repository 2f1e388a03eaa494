using System.Globalization;
using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>The building blocks of the catalogues' plan functions: output sizes, counts and durations from inputs.</summary>
internal static class Plans
{
    /// <summary>Nano-banana pixel sizes at 1K by aspect ratio (2K doubles them, 4K quadruples them).</summary>
    private static readonly Dictionary<string, (int Width, int Height)> NanoBananaSizes = new(StringComparer.Ordinal)
    {
        ["1:1"] = (1024, 1024),
        ["2:3"] = (848, 1264),
        ["3:2"] = (1264, 848),
        ["3:4"] = (896, 1200),
        ["4:3"] = (1200, 896),
        ["4:5"] = (928, 1152),
        ["5:4"] = (1152, 928),
        ["9:16"] = (768, 1376),
        ["16:9"] = (1376, 768),
        ["21:9"] = (1584, 672),
        ["auto"] = (1024, 1024),
    };

    public static string[] NanoBananaAspectRatios => [.. NanoBananaSizes.Keys];

    public static ImagesPlan TextToImage(PlanContext c, string defaultPreset)
    {
        var (width, height) = RequestedSize(c) ?? ImageSizes.Presets[defaultPreset];
        return Images(c, width, height, SceneKind.Picture, c.Int("num_images", 1));
    }

    /// <summary>Image-conditioned generation: <c>image_size</c> when given, else the size of the input image.</summary>
    public static ImagesPlan LikeInput(PlanContext c, string inputField, SceneKind scene = SceneKind.Picture, bool honourImageSize = true)
    {
        var input = c.FactsOf(inputField) ?? new MediaFacts(1024, 1024);
        var (width, height) = (honourImageSize ? RequestedSize(c) : null) ?? (input.Width, input.Height);
        return Images(c, width, height, scene, c.Int("num_images", 1), seeded: scene == SceneKind.Picture);
    }

    public static ImagesPlan Masks(PlanContext c, string inputField)
    {
        var input = c.FactsOf(inputField) ?? new MediaFacts(1024, 1024);
        return Images(c, input.Width, input.Height, SceneKind.Mask, 1, seeded: false);
    }

    public static ImagesPlan NanoBanana(PlanContext c)
    {
        var (width, height) = NanoBananaSizes[c.Str("aspect_ratio") ?? "1:1"];
        var scale = (c.Str("resolution") ?? "1K") switch
        {
            "2K" => 2,
            "4K" => 4,
            _ => 1,
        };
        return Images(c, width * scale, height * scale, SceneKind.Picture, c.Int("num_images", 1));
    }

    /// <summary>SeedVR: input size × <c>upscale_factor</c>, or the short side set to <c>target_resolution</c>.</summary>
    public static ImagesPlan Upscale(PlanContext c)
    {
        var input = c.FactsOf("image_url") ?? new MediaFacts(1024, 1024);
        double factor;
        if (c.Str("upscale_mode") == "target")
        {
            var target = int.Parse((c.Str("target_resolution") ?? "1080p").TrimEnd('p'), CultureInfo.InvariantCulture);
            factor = (double)target / Math.Min(input.Width, input.Height);
        }
        else
        {
            factor = c.Number("upscale_factor") ?? 2;
        }

        var width = Math.Max(1, (int)Math.Round(input.Width * factor));
        var height = Math.Max(1, (int)Math.Round(input.Height * factor));
        return Images(c, width, height, SceneKind.Picture, 1);
    }

    public static ImagesPlan ExtractFrame(PlanContext c)
    {
        var video = c.FactsOf("video_url") ?? new MediaFacts(1280, 720);
        return Images(c, video.Width, video.Height, SceneKind.Picture, 1, seeded: false);
    }

    public static VideoPlan Video(PlanContext c, (int Width, int Height) size, double seconds, int fps, bool audio, bool withSeed = false)
    {
        var key = $"{c.ModelId}|{c.Str("prompt")}|{c.Seed}|{size.Width}x{size.Height}|{seconds}|{fps}|{audio}";
        return new VideoPlan(new VideoSpec(size.Width, size.Height, seconds, fps, audio, key), withSeed ? c.Seed : null);
    }

    /// <summary>Frame size for a "720p"-style resolution, oriented like the input image (image-to-video) or the aspect ratio.</summary>
    public static (int Width, int Height) VideoSize(PlanContext c, string? resolution, string defaultResolution, string? imageField = null)
    {
        var lines = int.Parse((resolution ?? defaultResolution).TrimEnd('p', 'P', 'k', 'K'), CultureInfo.InvariantCulture);
        if (lines < 100)
        {
            lines = 2160; // "4k"
        }

        double ratio;
        if (imageField is not null && c.FactsOf(imageField) is { } image)
        {
            ratio = image.Width > image.Height ? 16.0 / 9 : image.Width < image.Height ? 9.0 / 16 : 1;
        }
        else
        {
            ratio = c.Str("aspect_ratio") switch
            {
                "9:16" => 9.0 / 16,
                "1:1" => 1,
                "4:3" => 4.0 / 3,
                "3:4" => 3.0 / 4,
                _ => 16.0 / 9,
            };
        }

        return ratio >= 1 ? (Even(lines * ratio), lines) : (lines, Even(lines / ratio));
    }

    public static TrainingPlan Training(PlanContext c)
    {
        var config = new JsonObject
        {
            ["images_data_url"] = c.Str("images_data_url"),
            ["trigger_word"] = c.Str("trigger_word"),
            ["steps"] = c.Int("steps", 1000),
            ["is_style"] = c.Bool("is_style", false),
            ["create_masks"] = c.Bool("create_masks", true),
            ["base_model"] = "FLUX.1-dev",
            ["lora_rank"] = 16,
        };
        var key = $"{c.ModelId}|{c.Str("images_data_url")}|{c.Str("trigger_word")}|{c.Int("steps", 1000)}";
        return new TrainingPlan(config, c.Str("trigger_word"), c.Int("steps", 1000), key);
    }

    private static (int Width, int Height)? RequestedSize(PlanContext c)
    {
        switch (c.Input["image_size"])
        {
            case JsonObject custom:
                return ((int)custom["width"]!.GetValue<double>(), (int)custom["height"]!.GetValue<double>());
            case JsonValue preset when preset.TryGetValue<string>(out var name):
                return ImageSizes.Presets[name];
            default:
                return null;
        }
    }

    /// <summary>
    /// Keys are built from the prompt and seed (text-to-image: same prompt and seed, same bytes). Maps, masks and
    /// frames have no seed: they depend on the input file's URL and the request's other fields instead.
    /// </summary>
    private static ImagesPlan Images(PlanContext c, int width, int height, SceneKind scene, int count, bool seeded = true)
    {
        var seed = c.Seed;
        var basis = seeded
            ? $"{c.Str("prompt")}|{seed}"
            : $"{c.Str("image_url") ?? c.Str("video_url")}|{c.Str("prompt")}|{c.Str("frame_type")}";
        var targets = Enumerable.Range(0, Math.Max(1, count))
            .Select(i => new ImageTarget(width, height, scene, $"{c.ModelId}|{basis}|{i}|{width}x{height}|{scene}"))
            .ToList();
        return new ImagesPlan(targets, seed, c.Str("prompt"));
    }

    private static int Even(double value) => (int)Math.Round(value / 2) * 2;
}
