using Natak.Core.Jobs;
using Natak.Core.Requests;

namespace Natak.Core.Pricing;

/// <summary>
/// The checks that span sections of a well-formed catalogue: every model a section names exists and has the right
/// kind, every model can serve what its parameters promise, every quotable output has a per-second rate, every
/// request kind has a credit price.
/// </summary>
internal static class CatalogChecks
{
    public static void Run(PricingCatalog catalog, JsonWalker json)
    {
        foreach (var model in catalog.Models.Values)
        {
            CheckModel(model, json);
        }

        CheckPipeline(catalog, json);
        CheckDefaults(catalog, json);
        CheckCharacter(catalog, json);
        CheckOutputTypes(catalog, json);
        CheckCreditValue(catalog, json);
    }

    /// <summary>
    /// The formula's promise — even the cheapest pack's buyers leave the target margin — holds only while no pack
    /// sells a credit for less than <c>creditValueUsd</c>; a pack price patched lower must move it too.
    /// </summary>
    private static void CheckCreditValue(PricingCatalog catalog, JsonWalker json)
    {
        foreach (var pack in catalog.Packs.Where(p => p.UsdPerCredit < catalog.Formula.CreditValueUsd))
        {
            json.Error("credits.formula.creditValueUsd",
                $"{catalog.Formula.CreditValueUsd} is more than pack '{pack.Key}' earns per credit ({pack.UsdPerCredit:0.######}); set it to the cheapest pack's $/credit");
        }
    }

    private static void CheckModel(CatalogModel model, JsonWalker json)
    {
        var path = "models." + model.Key;
        var p = model.Parameters;
        switch (model.Kind)
        {
            case ModelKind.Image:
                RequireRatings(model, path, json);
                if (p.Size is null)
                {
                    json.Error(path + ".parameters.size", "is required for an image model");
                }
                else if (!p.Size.Allows(p.Size.Default))
                {
                    json.Error(path + ".parameters.size.default", $"{p.Size.Default} is not itself an allowed size ({p.Size.Describe()})");
                }

                RequireVariant(model, EndpointVariants.Default, path, json);
                RequireVariantIf(p.MaxLoras > 0, model, EndpointVariants.Lora, path, "maxLoras > 0", json);
                RequireVariantIf(p.Control, model, EndpointVariants.Control, path, "control", json);
                RequireVariantIf(p.Control && p.MaxLoras > 0, model, EndpointVariants.ControlLora, path, "control with maxLoras > 0", json);
                break;
            case ModelKind.Video:
                RequireRatings(model, path, json);
                CheckVideo(model, path, json);
                break;
            default:
                RequireVariant(model, EndpointVariants.Default, path, json);
                break;
        }

        if (model.Kind == ModelKind.Upscale && p.UpscaleFactors.Count == 0)
        {
            json.Error(path + ".parameters.upscaleFactors", "is required for an upscale model");
        }
    }

    private static void CheckVideo(CatalogModel model, string path, JsonWalker json)
    {
        var p = model.Parameters;
        if (p.Resolutions.Count == 0)
        {
            json.Error(path + ".parameters.resolutions", "is required for a video model");
        }

        if (p.DefaultResolution is null || !p.Resolutions.Contains(p.DefaultResolution, StringComparer.Ordinal))
        {
            json.Error(path + ".parameters.defaultResolution", "must be one of: " + string.Join(", ", p.Resolutions));
        }

        if (p.DrivingVideo)
        {
            RequireVariant(model, EndpointVariants.Animate, path, json);
            if (p.Durations is not null)
            {
                json.Error(path + ".parameters.durations", "must be absent when drivingVideo is true (the length follows the driving video)");
            }
        }
        else
        {
            RequireVariant(model, EndpointVariants.ImageToVideo, path, json);
            RequireVariantIf(p.TextToVideo, model, EndpointVariants.TextToVideo, path, "textToVideo", json);
            if (p.Durations is null)
            {
                json.Error(path + ".parameters.durations", "is required for a video model without a driving video");
            }
            else
            {
                if (p.DefaultDuration is not { } duration || !p.Durations.Allows(duration, p.DefaultResolution))
                {
                    json.Error(path + ".parameters.defaultDuration", $"must be {p.Durations.Describe(p.DefaultResolution)} at the default resolution {p.DefaultResolution}");
                }

                foreach (var (resolution, max) in p.Durations.MaxByResolution)
                {
                    if (!p.Resolutions.Contains(resolution, StringComparer.Ordinal))
                    {
                        json.Error($"{path}.parameters.durations.maxByResolution.{resolution}", "names a resolution the model does not offer: " + string.Join(", ", p.Resolutions));
                    }
                    else if (!Enumerable.Range(1, max).Any(p.Durations.Allows))
                    {
                        json.Error($"{path}.parameters.durations.maxByResolution.{resolution}", "leaves no allowed duration at that resolution");
                    }
                }
            }
        }

        bool[] audioOptions = p.Audio ? [false, true] : [false];
        foreach (var resolution in p.Resolutions)
        {
            foreach (var audio in audioOptions.Where(audio => !model.Price.HasRateFor(resolution, audio)))
            {
                json.Error(path + ".price.rates", $"no per-second rate for resolution {resolution} with audio={(audio ? "true" : "false")}");
            }
        }
    }

    private static void RequireRatings(CatalogModel model, string path, JsonWalker json)
    {
        if (model.Ratings.Count == 0)
        {
            json.Error(path + ".ratings", "is required for a model users choose");
        }
    }

    private static void RequireVariantIf(bool condition, CatalogModel model, string variant, string path, string reason, JsonWalker json)
    {
        if (condition && !model.HasVariant(variant))
        {
            json.Error(path + ".providers", $"no provider offers the '{variant}' endpoint that {reason} needs");
        }
    }

    private static void RequireVariant(CatalogModel model, string variant, string path, JsonWalker json) =>
        RequireVariantIf(true, model, variant, path, $"a {KebabNames.Of(model.Kind)} model", json);

    private static void CheckPipeline(PricingCatalog catalog, JsonWalker json)
    {
        var p = catalog.Pipeline;
        (string Role, string Key, ModelKind Kind)[] roles =
        [
            ("prompt", p.Prompt, ModelKind.Prompt), ("training", p.Training, ModelKind.Training),
            ("reference", p.Reference, ModelKind.Image), ("pose", p.Pose, ModelKind.Pose), ("depth", p.Depth, ModelKind.Depth),
            ("segment", p.Segment, ModelKind.Segment), ("inpaint", p.Inpaint, ModelKind.Inpaint),
            ("characterInpaint", p.CharacterInpaint, ModelKind.Inpaint), ("refine", p.Refine, ModelKind.Refine),
            ("upscale", p.Upscale, ModelKind.Upscale), ("extractFrame", p.ExtractFrame, ModelKind.ExtractFrame),
            ("storage", p.Storage, ModelKind.Storage),
        ];
        foreach (var (role, key, kind) in roles)
        {
            RequireModel(catalog, "pipeline." + role, key, kind, json);
        }

        if (catalog.Models.TryGetValue(p.Reference, out var reference) && !reference.HasVariant(EndpointVariants.Lora))
        {
            json.Error("pipeline.reference", $"'{p.Reference}' has no '{EndpointVariants.Lora}' endpoint, which character reference images need");
        }

        if (catalog.Models.TryGetValue(p.CharacterInpaint, out var inpaint) && !inpaint.EndpointsFor(EndpointVariants.Default).Any(e => e.Inputs.ContainsKey(InputNames.Lora)))
        {
            json.Error("pipeline.characterInpaint", $"'{p.CharacterInpaint}' does not map the '{InputNames.Lora}' input");
        }
    }

    private static void CheckDefaults(PricingCatalog catalog, JsonWalker json)
    {
        RequireModel(catalog, "defaults.imageModel", catalog.Defaults.ImageModel, ModelKind.Image, json);
        RequireModel(catalog, "defaults.videoModel", catalog.Defaults.VideoModel, ModelKind.Video, json);
        if (!catalog.Ratings.Contains(catalog.Defaults.Rating, StringComparer.Ordinal))
        {
            json.Error("defaults.rating", $"'{catalog.Defaults.Rating}' is not one of: {string.Join(", ", catalog.Ratings)}");
        }

        if (catalog.Models.TryGetValue(catalog.Pipeline.Reference, out var reference)
            && reference.Parameters.Size is { } size && !size.Allows(catalog.Video.ReferenceSize))
        {
            json.Error("video.referenceSize", $"{catalog.Video.ReferenceSize} is not accepted by '{reference.Key}' ({size.Describe()})");
        }
    }

    private static void CheckCharacter(PricingCatalog catalog, JsonWalker json)
    {
        var c = catalog.Character;
        if (c.MinImages > c.MaxImages)
        {
            json.Error("character.minImages", "must not exceed maxImages");
        }

        if (c.MinSteps > c.MaxSteps)
        {
            json.Error("character.minSteps", "must not exceed maxSteps");
        }

        foreach (var (quality, steps) in c.Quality.Where(q => q.Value < c.MinSteps || q.Value > c.MaxSteps))
        {
            json.Error("character.quality." + quality, $"{steps} steps is outside minSteps–maxSteps ({c.MinSteps}–{c.MaxSteps})");
        }

        if (!c.Quality.ContainsKey(c.DefaultQuality))
        {
            json.Error("character.defaultQuality", $"'{c.DefaultQuality}' is not one of: {string.Join(", ", c.Quality.Keys)}");
        }

        for (var i = 0; i < c.ReferencePrompts.Count; i++)
        {
            if (!c.ReferencePrompts[i].Contains(PipelinePlanner.TriggerWordToken, StringComparison.Ordinal))
            {
                json.Error($"character.referencePrompts[{i}]", $"must contain {PipelinePlanner.TriggerWordToken} so the LoRA is triggered");
            }
        }

        if (catalog.Models.TryGetValue(catalog.Pipeline.Reference, out var reference)
            && reference.Parameters.Size is { } size && !size.Allows(c.ReferenceSize))
        {
            json.Error("character.referenceSize", $"{c.ReferenceSize} is not accepted by '{reference.Key}' ({size.Describe()})");
        }
    }

    private static void CheckOutputTypes(PricingCatalog catalog, JsonWalker json)
    {
        foreach (var type in catalog.OutputTypes)
        {
            var path = "credits.outputTypes." + type.Key;
            var kind = type.Match.Kind == JobKind.Video ? ModelKind.Video : ModelKind.Image;
            for (var i = 0; i < type.Match.Models.Count; i++)
            {
                if (type.Match.Kind == JobKind.Character)
                {
                    json.Error($"{path}.match.models", "a character output has no model to match");
                    break;
                }

                RequireModel(catalog, $"{path}.match.models[{i}]", type.Match.Models[i], kind, json);
            }
        }

        foreach (var kind in Enum.GetValues<JobKind>())
        {
            // A per-quantity price catches everything only when every output of the kind has that quantity:
            // every character has training steps, but not every video has a chosen duration.
            if (!catalog.OutputTypes.Any(t => t.Match.Kind == kind && t.Match.IsCatchAll
                && (t.Per is null || (kind == JobKind.Character && t.Per.Quantity == CreditQuantities.TrainingSteps))))
            {
                json.Error("credits.outputTypes",
                    $"no credit price for every {kind.ToWire()} output: add an output type whose match names only \"kind\": \"{kind.ToWire()}\" (formula: true, or a fixed price)");
            }
        }
    }

    private static void RequireModel(PricingCatalog catalog, string path, string key, ModelKind kind, JsonWalker json)
    {
        if (!catalog.Models.TryGetValue(key, out var model))
        {
            var candidates = catalog.Models.Values.Where(m => m.Kind == kind).Select(m => m.Key);
            json.Error(path, $"unknown model '{key}'; {KebabNames.Of(kind)} models: {string.Join(", ", candidates)}");
        }
        else if (model.Kind != kind)
        {
            json.Error(path, $"must name a {KebabNames.Of(kind)} model ('{key}' is a {KebabNames.Of(model.Kind)} model)");
        }
    }
}
