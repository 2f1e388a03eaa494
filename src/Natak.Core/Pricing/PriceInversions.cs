using System.Globalization;
using Natak.Core.Requests;

namespace Natak.Core.Pricing;

/// <summary>
/// Prices never invert: an output without an add-on feature (<see cref="OutputFeatures.AddOns"/>: audio, an upscale,
/// a character, a control map, an outfit change, an idea) is never quoted more credits than the same output — same
/// model, resolution or size, duration, way of making it and other choices — with it. For every image and video
/// model, every combination of add-on choices is quoted through the real validator, planner and credit rules, and
/// each variant is compared with each one adding a single add-on; an inversion between any variant and a richer one
/// shows along such a step.
/// </summary>
internal static class PriceInversions
{
    private const string Text = "a catalogue check";
    private const string ImageUrl = "https://catalogue.check/image.png";
    private const string VideoUrl = "https://catalogue.check/video.mp4";
    private const string CharacterId = "chr_catalogue_check";

    public static void Check(PricingCatalog catalog, CatalogErrors errors)
    {
        var engine = new QuoteEngine(catalog, UrlPolicy.HttpsOnly);
        var inversions = Bases(catalog).SelectMany(b => Inversions(engine, b.Setting, b.Basis, b.Choices)).ToList();
        foreach (var same in inversions.GroupBy(i => (i.Fewer.Model, i.AddOn)))
        {
            var (addOn, fewer, more) = same.First();
            var others = same.Count() - 1;
            errors.Add(JsonPath.At("models", fewer.Model),
                $"'{fewer.Describe()}' is quoted {fewer.Credits} credits ({fewer.OutputType}) but '{more.Describe()}' only {more.Credits} ({more.OutputType}): " +
                $"an output without {addOn} must not cost more than the same output with it" +
                others switch
                {
                    0 => string.Empty,
                    1 => " (1 more such pair)",
                    _ => string.Create(CultureInfo.InvariantCulture, $" ({others} more such pairs)"),
                });
        }
    }

    /// <summary>Each variant that costs more than the same variant with one more add-on.</summary>
    private static IEnumerable<(string AddOn, PriceVariant Fewer, PriceVariant More)> Inversions(
        QuoteEngine engine, string setting, IMediaRequest basis, IReadOnlyList<AddOnChoice> choices)
    {
        // Every combination: the option taken in each choice (0 = the add-on left out), and the request it makes.
        List<(int[] Taken, IMediaRequest Request)> combinations = [([], basis)];
        foreach (var choice in choices)
        {
            combinations = [.. combinations.SelectMany(c => Enumerable.Range(0, choice.Options.Count + 1)
                .Select(option => (Taken: (int[])[.. c.Taken, option], Request: option == 0 ? c.Request : choice.Options[option - 1](c.Request))))];
        }

        var quoted = new Dictionary<string, PriceVariant>(StringComparer.Ordinal);
        foreach (var (taken, request) in combinations)
        {
            if (engine.Quote(request) is { IsValid: true, Plan: { } plan })
            {
                quoted[Key(taken)] = PriceVariant.Of(setting, plan);
            }
        }

        foreach (var (taken, _) in combinations)
        {
            if (!quoted.TryGetValue(Key(taken), out var fewer))
            {
                continue;
            }

            for (var i = 0; i < choices.Count; i++)
            {
                for (var option = 1; option <= choices[i].Options.Count && taken[i] == 0; option++)
                {
                    int[] with = [.. taken[..i], option, .. taken[(i + 1)..]];
                    if (quoted.TryGetValue(Key(with), out var more) && fewer.IsWithout(choices[i].AddOn, more) && fewer.Credits > more.Credits)
                    {
                        yield return (choices[i].AddOn, fewer, more);
                    }
                }
            }
        }
    }

    private static string Key(int[] taken) => string.Join(',', taken);

    /// <summary>The requests to start from — one per model, setting and way of making it — and the add-on choices each can make.</summary>
    private static IEnumerable<(string Setting, IMediaRequest Basis, IReadOnlyList<AddOnChoice> Choices)> Bases(PricingCatalog catalog)
    {
        var imageChoices = ImageChoices(catalog);
        foreach (var model in catalog.ModelsOfKind(ModelKind.Image))
        {
            if (model.Parameters.Size?.Default is { } size)
            {
                yield return (size.ToString(), new ImageRequest { Model = model.Key, Width = size.Width, Height = size.Height, Prompt = Text }, imageChoices);
            }
        }

        // Edits are made by the pipeline's models and count as the default image model's.
        yield return ("an edit of a given image", new ImageRequest { SourceImageUrl = ImageUrl, Prompt = Text }, imageChoices);

        foreach (var model in catalog.ModelsOfKind(ModelKind.Video))
        {
            var p = model.Parameters;
            foreach (var resolution in p.Resolutions)
            {
                foreach (var duration in Durations(p, resolution))
                {
                    var setting = duration is { } seconds ? string.Create(CultureInfo.InvariantCulture, $"{resolution} {seconds} s") : resolution;
                    var basis = new VideoRequest
                    {
                        Model = model.Key,
                        Resolution = resolution,
                        DurationSeconds = duration,
                        Audio = p.Audio ? false : null,
                        Prompt = Text,
                        DrivingVideoUrl = p.DrivingVideo ? VideoUrl : null,
                    };
                    var audio = p.Audio ? [AddOnChoice.Of<VideoRequest>(OutputFeatures.Audio, [r => r with { Audio = true }])] : Array.Empty<AddOnChoice>();
                    var idea = AddOnChoice.Of<VideoRequest>(OutputFeatures.Idea, [r => r with { Prompt = null, Idea = Text }]);
                    var character = AddOnChoice.Of<VideoRequest>(OutputFeatures.Character, [r => r with { ImageUrl = null, CharacterId = CharacterId }]);
                    yield return (setting + " from an image", basis with { ImageUrl = ImageUrl }, [character, idea, .. audio]);
                    yield return (setting + (p.DrivingVideo ? " from the driving video" : " from text"), basis, [idea, .. audio]);
                }
            }
        }
    }

    private static IReadOnlyList<AddOnChoice> ImageChoices(PricingCatalog catalog) =>
    [
        AddOnChoice.Of<ImageRequest>(OutputFeatures.Idea, [r => r with { Prompt = null, Idea = Text }]),
        AddOnChoice.Of<ImageRequest>(OutputFeatures.Character, [r => r with { CharacterId = CharacterId }]),
        AddOnChoice.Of<ImageRequest>(OutputFeatures.Control,
        [
            r => r with { Control = new ControlOptions { ImageUrl = ImageUrl, Pose = true } },
            r => r with { Control = new ControlOptions { ImageUrl = ImageUrl, Depth = true } },
        ]),

        // An outfit change of a given image inpaints the outfit description and takes no prompt.
        AddOnChoice.Of<ImageRequest>(OutputFeatures.Outfit,
            [r => r.SourceImageUrl is null ? r with { Outfit = new OutfitOptions { Description = Text } } : r with { Outfit = new OutfitOptions { Description = Text }, Prompt = null, Idea = null }]),
        AddOnChoice.Of<ImageRequest>(OutputFeatures.Upscale,
            catalog.Model(catalog.Pipeline.Upscale).Parameters.UpscaleFactors.Select(factor => (Func<ImageRequest, ImageRequest>)(r => r with { Upscale = factor }))),
    ];

    private static IEnumerable<int?> Durations(ModelParameters p, string resolution)
    {
        if (p.Durations is not { } rule)
        {
            return [null];
        }

        var candidates = rule.Values.Count > 0 ? rule.Values : Enumerable.Range(rule.Min ?? 1, Math.Max(0, (rule.Max ?? 0) - (rule.Min ?? 1) + 1));
        return candidates.Where(seconds => rule.Allows(seconds, resolution)).Select(seconds => (int?)seconds);
    }
}
