using Natak.Core.Jobs;
using Natak.Core.Requests;

namespace Natak.Core.Pricing;

/// <summary>
/// The rules no annotation can state, run over a catalogue that read cleanly: which members a price, size or duration
/// rule needs (<see cref="OneOf"/>), bounds that must be in order, and the references between sections — every model
/// a section names exists and has the right kind, every model can serve what its parameters promise, every quotable
/// output has a per-second rate, every request kind has a credit price.
/// </summary>
internal static class CatalogChecks
{
    public static void Run(PricingCatalog catalog, CatalogErrors errors)
    {
        foreach (var model in catalog.Models.Values)
        {
            CheckModel(catalog, model, errors);
        }

        CheckPipeline(catalog, errors);
        CheckDefaults(catalog, errors);
        CheckCharacter(catalog, errors);
        CheckOutputTypes(catalog, errors);
        CheckCreditValue(catalog, errors);
    }

    /// <summary>
    /// The formula's promise — even the cheapest pack's buyers leave the target margin — holds only while no pack
    /// sells a credit for less than <c>creditValueUsd</c>; a pack price patched lower must move it too.
    /// </summary>
    private static void CheckCreditValue(PricingCatalog catalog, CatalogErrors errors)
    {
        foreach (var pack in catalog.Packs.Where(p => p.UsdPerCredit < catalog.Formula.CreditValueUsd))
        {
            errors.Add(JsonPath.At("credits", "formula", "creditValueUsd"),
                $"{catalog.Formula.CreditValueUsd} is more than pack '{pack.Key}' earns per credit ({pack.UsdPerCredit:0.######}); set it to the cheapest pack's $/credit");
        }
    }

    private static void CheckModel(PricingCatalog catalog, CatalogModel model, CatalogErrors errors)
    {
        var path = JsonPath.At("models", model.Key);
        CheckNames(JsonPath.Member(path, "ratings"), model.Ratings, catalog.Ratings, "rating", errors);
        CheckPrice(model.Price, JsonPath.Member(path, "price"), errors);
        CheckOffers(catalog, model, path, errors);
        var parameters = JsonPath.Member(path, "parameters");
        var p = model.Parameters;
        if (p.Size is { } size)
        {
            CheckSize(size, JsonPath.Member(parameters, "size"), errors);
        }

        if (p.Durations is { } durations)
        {
            CheckDurations(durations, JsonPath.Member(parameters, "durations"), errors);
        }

        switch (model.Kind)
        {
            case ModelKind.Image:
                RequireRatings(model, path, errors);
                if (p.Size is null)
                {
                    errors.Add(JsonPath.Member(parameters, "size"), "is required for an image model");
                }

                RequireVariant(model, EndpointVariants.Default, path, errors);
                RequireVariantIf(p.MaxLoras > 0, model, EndpointVariants.Lora, path, "maxLoras > 0", errors);
                RequireVariantIf(p.Control, model, EndpointVariants.Control, path, "control", errors);
                RequireVariantIf(p.Control && p.MaxLoras > 0, model, EndpointVariants.ControlLora, path, "control with maxLoras > 0", errors);
                break;
            case ModelKind.Video:
                RequireRatings(model, path, errors);
                CheckVideo(model, path, errors);
                break;
            default:
                RequireVariant(model, EndpointVariants.Default, path, errors);
                break;
        }

        if (model.Kind == ModelKind.Upscale && p.UpscaleFactors.Count == 0)
        {
            errors.Add(JsonPath.Member(parameters, "upscaleFactors"), "is required for an upscale model");
        }
    }

    private static void CheckOffers(PricingCatalog catalog, CatalogModel model, string path, CatalogErrors errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < model.Providers.Count; i++)
        {
            var offer = model.Providers[i];
            var offerPath = JsonPath.Index(JsonPath.Member(path, "providers"), i);
            if (!catalog.Providers.Contains(offer.Provider, StringComparer.Ordinal))
            {
                errors.Add(JsonPath.Member(offerPath, "provider"), $"unknown provider '{offer.Provider}'; providers: {string.Join(", ", catalog.Providers)}");
            }

            if (!seen.Add(offer.Provider))
            {
                errors.Add(JsonPath.Member(offerPath, "provider"), $"provider '{offer.Provider}' is listed twice");
            }

            foreach (var (variant, endpoint) in offer.Endpoints)
            {
                var endpointPath = JsonPath.Member(JsonPath.Member(offerPath, "endpoints"), variant);
                CheckNames(JsonPath.Member(endpointPath, "ratingInputs"), [.. endpoint.RatingInputs.Keys], catalog.Ratings, "rating", errors, keys: true);
                if (endpoint.Price is { } price)
                {
                    CheckPrice(price, JsonPath.Member(endpointPath, "price"), errors);
                }
            }
        }
    }

    /// <summary>A price gives exactly the members of its unit: <c>usd</c>, <c>rates</c>, the base and extra second, or the token prices.</summary>
    private static void CheckPrice(UnitPrice price, string path, CatalogErrors errors)
    {
        (string Name, bool Given)[] alternatives =
        [
            ("usd", price.Usd is not null),
            ("rates", price.Rates is not null),
            ("{baseSeconds, baseUsd, extraSecondUsd}", price.BaseSeconds is not null || price.BaseUsd is not null || price.ExtraSecondUsd is not null),
            ("{inputPerMillionUsd, outputPerMillionUsd}", price.InputPerMillionUsd is not null || price.OutputPerMillionUsd is not null),
        ];
        var expected = price.Unit switch
        {
            PriceUnit.Second => 1,
            PriceUnit.BasePlusExtraSecond => 2,
            PriceUnit.Token => 3,
            _ => 0,
        };
        var given = OneOf.Check(errors, path, alternatives);
        if (given is null)
        {
            return;
        }

        if (given != expected)
        {
            errors.Add(JsonPath.Member(path, "unit"), $"a '{KebabNames.Of(price.Unit)}' price is given by {alternatives[expected].Name}, not {alternatives[given.Value].Name}");
            return;
        }

        if (given == 2)
        {
            RequireMember(path, "baseSeconds", price.BaseSeconds is not null, errors);
            RequireMember(path, "baseUsd", price.BaseUsd is not null, errors);
            RequireMember(path, "extraSecondUsd", price.ExtraSecondUsd is not null, errors);
        }
        else if (given == 3)
        {
            RequireMember(path, "inputPerMillionUsd", price.InputPerMillionUsd is not null, errors);
            RequireMember(path, "outputPerMillionUsd", price.OutputPerMillionUsd is not null, errors);
        }
    }

    private static void CheckSize(SizeRule size, string path, CatalogErrors errors)
    {
        var given = OneOf.Check(errors, path, ("values", size.Values.Count > 0), ("{minSide, maxSide}", size.MinSide is not null || size.MaxSide is not null));
        if (given == 1)
        {
            RequireMember(path, "minSide", size.MinSide is not null, errors);
            RequireMember(path, "maxSide", size.MaxSide is not null, errors);
            if (size.MinSide is null || size.MaxSide is null)
            {
                return;
            }

            if (size.MinSide > size.MaxSide)
            {
                errors.Add(JsonPath.Member(path, "minSide"), "must not exceed maxSide");
                return;
            }
        }

        if (given is not null && !size.Allows(size.Default))
        {
            errors.Add(JsonPath.Member(path, "default"), $"{size.Default} is not itself an allowed size ({size.Describe()})");
        }
    }

    private static void CheckDurations(DurationRule durations, string path, CatalogErrors errors)
    {
        if (OneOf.Check(errors, path, ("values", durations.Values.Count > 0), ("{min, max}", durations.Min is not null || durations.Max is not null)) != 1)
        {
            return;
        }

        RequireMember(path, "min", durations.Min is not null, errors);
        RequireMember(path, "max", durations.Max is not null, errors);
        if (durations.Min > durations.Max)
        {
            errors.Add(JsonPath.Member(path, "min"), "must not exceed max");
        }
    }

    private static void CheckVideo(CatalogModel model, string path, CatalogErrors errors)
    {
        var p = model.Parameters;
        var parameters = JsonPath.Member(path, "parameters");
        if (p.Resolutions.Count == 0)
        {
            errors.Add(JsonPath.Member(parameters, "resolutions"), "is required for a video model");
        }

        if (p.DefaultResolution is null || !p.Resolutions.Contains(p.DefaultResolution, StringComparer.Ordinal))
        {
            errors.Add(JsonPath.Member(parameters, "defaultResolution"), "must be one of: " + string.Join(", ", p.Resolutions));
        }

        if (p.DrivingVideo)
        {
            RequireVariant(model, EndpointVariants.Animate, path, errors);
            if (p.Durations is not null)
            {
                errors.Add(JsonPath.Member(parameters, "durations"), "must be absent when drivingVideo is true (the length follows the driving video)");
            }
        }
        else
        {
            RequireVariant(model, EndpointVariants.ImageToVideo, path, errors);
            RequireVariantIf(p.TextToVideo, model, EndpointVariants.TextToVideo, path, "textToVideo", errors);
            if (p.Durations is null)
            {
                errors.Add(JsonPath.Member(parameters, "durations"), "is required for a video model without a driving video");
            }
            else
            {
                if (p.DefaultDuration is not { } duration || !p.Durations.Allows(duration, p.DefaultResolution))
                {
                    errors.Add(JsonPath.Member(parameters, "defaultDuration"), $"must be {p.Durations.Describe(p.DefaultResolution)} at the default resolution {p.DefaultResolution}");
                }

                var limits = JsonPath.Member(JsonPath.Member(parameters, "durations"), "maxByResolution");
                foreach (var (resolution, max) in p.Durations.MaxByResolution)
                {
                    if (!p.Resolutions.Contains(resolution, StringComparer.Ordinal))
                    {
                        errors.Add(JsonPath.Member(limits, resolution), "names a resolution the model does not offer: " + string.Join(", ", p.Resolutions));
                    }
                    else if (!Enumerable.Range(1, max).Any(p.Durations.Allows))
                    {
                        errors.Add(JsonPath.Member(limits, resolution), "leaves no allowed duration at that resolution");
                    }
                }
            }
        }

        bool[] audioOptions = p.Audio ? [false, true] : [false];
        foreach (var resolution in p.Resolutions)
        {
            foreach (var audio in audioOptions.Where(audio => !model.Price.HasRateFor(resolution, audio)))
            {
                errors.Add(JsonPath.At("models", model.Key, "price", "rates"), $"no per-second rate for resolution {resolution} with audio={(audio ? "true" : "false")}");
            }
        }
    }

    private static void RequireRatings(CatalogModel model, string path, CatalogErrors errors)
    {
        if (model.Ratings.Count == 0)
        {
            errors.Add(JsonPath.Member(path, "ratings"), "is required for a model users choose");
        }
    }

    private static void RequireMember(string path, string member, bool given, CatalogErrors errors)
    {
        if (!given)
        {
            errors.Add(JsonPath.Member(path, member), "is required");
        }
    }

    /// <summary>Each name (or key) is one the catalogue declares, e.g. a model's ratings are among <c>ratings</c>.</summary>
    private static void CheckNames(string path, IReadOnlyList<string> names, IReadOnlyList<string> declared, string what, CatalogErrors errors, bool keys = false)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (!declared.Contains(names[i], StringComparer.Ordinal))
            {
                errors.Add(keys ? JsonPath.Member(path, names[i]) : JsonPath.Index(path, i), $"unknown {what} '{names[i]}'; {what}s: {string.Join(", ", declared)}");
            }
        }
    }

    private static void RequireVariantIf(bool condition, CatalogModel model, string variant, string path, string reason, CatalogErrors errors)
    {
        if (condition && !model.HasVariant(variant))
        {
            errors.Add(JsonPath.Member(path, "providers"), $"no provider offers the '{variant}' endpoint that {reason} needs");
        }
    }

    private static void RequireVariant(CatalogModel model, string variant, string path, CatalogErrors errors) =>
        RequireVariantIf(true, model, variant, path, $"a {KebabNames.Of(model.Kind)} model", errors);

    private static void CheckPipeline(PricingCatalog catalog, CatalogErrors errors)
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
            RequireModel(catalog, JsonPath.At("pipeline", role), key, kind, errors);
        }

        if (catalog.Models.TryGetValue(p.Reference, out var reference) && !reference.HasVariant(EndpointVariants.Lora))
        {
            errors.Add(JsonPath.At("pipeline", "reference"), $"'{p.Reference}' has no '{EndpointVariants.Lora}' endpoint, which character reference images need");
        }

        if (catalog.Models.TryGetValue(p.CharacterInpaint, out var inpaint) && !inpaint.EndpointsFor(EndpointVariants.Default).Any(e => e.Inputs.ContainsKey(InputNames.Lora)))
        {
            errors.Add(JsonPath.At("pipeline", "characterInpaint"), $"'{p.CharacterInpaint}' does not map the '{InputNames.Lora}' input");
        }
    }

    private static void CheckDefaults(PricingCatalog catalog, CatalogErrors errors)
    {
        RequireModel(catalog, JsonPath.At("defaults", "imageModel"), catalog.Defaults.ImageModel, ModelKind.Image, errors);
        RequireModel(catalog, JsonPath.At("defaults", "videoModel"), catalog.Defaults.VideoModel, ModelKind.Video, errors);
        if (!catalog.Ratings.Contains(catalog.Defaults.Rating, StringComparer.Ordinal))
        {
            errors.Add(JsonPath.At("defaults", "rating"), $"'{catalog.Defaults.Rating}' is not one of: {string.Join(", ", catalog.Ratings)}");
        }

        if (catalog.Models.TryGetValue(catalog.Pipeline.Reference, out var reference)
            && reference.Parameters.Size is { } size && !size.Allows(catalog.Video.ReferenceSize))
        {
            errors.Add(JsonPath.At("video", "referenceSize"), $"{catalog.Video.ReferenceSize} is not accepted by '{reference.Key}' ({size.Describe()})");
        }
    }

    private static void CheckCharacter(PricingCatalog catalog, CatalogErrors errors)
    {
        var c = catalog.Character;
        if (c.MinImages > c.MaxImages)
        {
            errors.Add(JsonPath.At("character", "minImages"), "must not exceed maxImages");
        }

        if (c.MinSteps > c.MaxSteps)
        {
            errors.Add(JsonPath.At("character", "minSteps"), "must not exceed maxSteps");
        }

        foreach (var (quality, steps) in c.Quality.Where(q => q.Value < c.MinSteps || q.Value > c.MaxSteps))
        {
            errors.Add(JsonPath.At("character", "quality", quality), $"{steps} steps is outside minSteps–maxSteps ({c.MinSteps}–{c.MaxSteps})");
        }

        if (!c.Quality.ContainsKey(c.DefaultQuality))
        {
            errors.Add(JsonPath.At("character", "defaultQuality"), $"'{c.DefaultQuality}' is not one of: {string.Join(", ", c.Quality.Keys)}");
        }

        for (var i = 0; i < c.ReferencePrompts.Count; i++)
        {
            if (!c.ReferencePrompts[i].Contains(PipelinePlanner.TriggerWordToken, StringComparison.Ordinal))
            {
                errors.Add(JsonPath.Index(JsonPath.At("character", "referencePrompts"), i), $"must contain {PipelinePlanner.TriggerWordToken} so the LoRA is triggered");
            }
        }

        if (catalog.Models.TryGetValue(catalog.Pipeline.Reference, out var reference)
            && reference.Parameters.Size is { } size && !size.Allows(c.ReferenceSize))
        {
            errors.Add(JsonPath.At("character", "referenceSize"), $"{c.ReferenceSize} is not accepted by '{reference.Key}' ({size.Describe()})");
        }
    }

    private static void CheckOutputTypes(PricingCatalog catalog, CatalogErrors errors)
    {
        foreach (var type in catalog.OutputTypes)
        {
            var path = JsonPath.At("credits", "outputTypes", type.Key);
            OneOf.Check(errors, path, ("credits", type.FixedCredits is not null), ("formula: true", type.Formula));
            if (type.Per is not null && type.Formula)
            {
                errors.Add(JsonPath.Member(path, "per"), "applies to fixed prices only");
            }

            var kind = type.Match.Kind == JobKind.Video ? ModelKind.Video : ModelKind.Image;
            var models = JsonPath.Member(JsonPath.Member(path, "match"), "models");
            if (type.Match.Kind == JobKind.Character && type.Match.Models.Count > 0)
            {
                errors.Add(models, "a character output has no model to match");
                continue;
            }

            for (var i = 0; i < type.Match.Models.Count; i++)
            {
                RequireModel(catalog, JsonPath.Index(models, i), type.Match.Models[i], kind, errors);
            }
        }

        foreach (var kind in Enum.GetValues<JobKind>())
        {
            // A per-quantity price catches everything only when every output of the kind has that quantity:
            // every character has training steps, but not every video has a chosen duration.
            if (!catalog.OutputTypes.Any(t => t.Match.Kind == kind && t.Match.IsCatchAll
                && (t.Per is null || (kind == JobKind.Character && t.Per.Quantity == CreditQuantities.TrainingSteps))))
            {
                errors.Add(JsonPath.At("credits", "outputTypes"),
                    $"no credit price for every {kind.ToWire()} output: add an output type whose match names only \"kind\": \"{kind.ToWire()}\" (formula: true, or a fixed price)");
            }
        }
    }

    private static void RequireModel(PricingCatalog catalog, string path, string key, ModelKind kind, CatalogErrors errors)
    {
        if (!catalog.Models.TryGetValue(key, out var model))
        {
            var candidates = catalog.Models.Values.Where(m => m.Kind == kind).Select(m => m.Key);
            errors.Add(path, $"unknown model '{key}'; {KebabNames.Of(kind)} models: {string.Join(", ", candidates)}");
        }
        else if (model.Kind != kind)
        {
            errors.Add(path, $"must name a {KebabNames.Of(kind)} model ('{key}' is a {KebabNames.Of(model.Kind)} model)");
        }
    }
}
