using Natak.Core.Pricing;

namespace Natak.Core.Requests;

/// <summary>Validates <see cref="ImageRequest"/> against the chosen model's catalogue entry.</summary>
public sealed class ImageRequestValidator(PricingCatalog catalog, UrlPolicy urls)
{
    public ValidationErrors Validate(ImageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rules = new RequestRules(catalog, urls, new ValidationErrors());
        var model = rules.Model(RequestDefaults.ImageModel(catalog, request), ModelKind.Image);
        rules.Rating(RequestDefaults.Rating(catalog, request.Rating), model);
        if (RequestDefaults.ChangesOutfitOfSource(request))
        {
            ValidateOutfitEdit(rules, request);
        }
        else
        {
            rules.PromptOrIdea(request.Prompt, request.Idea, model);
        }

        rules.Range("seed", request.Seed, 0, catalog.Limits.SeedMax);
        rules.Url("sourceImageUrl", request.SourceImageUrl);
        rules.Id("characterId", request.CharacterId);
        if (request.SourceImageUrl is not null)
        {
            ValidateEdit(rules, request);
        }
        else if (model is not null)
        {
            ValidateSize(rules, model, request);
            ValidateSeed(rules, model, request);
        }

        if (model is not null)
        {
            rules.Range("count", request.Count, 1, model.Parameters.MaxCount, $" for {model.Key}");
            ValidateCharacter(rules, model, request);
            ValidateControl(rules, model, request);
        }

        if (request.Outfit is { } outfit)
        {
            rules.RequiredText("outfit.description", outfit.Description, catalog.Limits.OutfitDescriptionMaxLength);
            if (outfit.Segment is not null)
            {
                rules.RequiredText("outfit.segment", outfit.Segment, catalog.Limits.SegmentMaxLength);
            }
        }

        var factors = catalog.Model(catalog.Pipeline.Upscale).Parameters.UpscaleFactors;
        if (request.Upscale is { } factor && !factors.Contains(factor))
        {
            rules.Error("upscale", RequestRules.Invariant($"must be one of: {string.Join(", ", factors)} (got {factor})"));
        }

        return rules.Errors;
    }

    /// <summary>
    /// An edit keeps the source image's size and is made by the pipeline's refine (or inpaint) model, none of which
    /// takes a seed: fields that would be silently ignored are refused instead.
    /// </summary>
    private void ValidateEdit(RequestRules rules, ImageRequest request)
    {
        var editor = request.Outfit is null ? catalog.Pipeline.Refine
            : request.CharacterId is null ? catalog.Pipeline.Inpaint : catalog.Pipeline.CharacterInpaint;
        if (request.Model is not null)
        {
            rules.Error("model", $"an edit of sourceImageUrl is made by {editor}, not by an image model: leave model out");
        }

        foreach (var (field, value) in new[] { ("width", request.Width), ("height", request.Height) }.Where(f => f.Item2 is not null))
        {
            rules.Error(field, "an edit keeps the size of sourceImageUrl: leave width and height out (upscale enlarges it)");
        }

        if (request.Seed is not null)
        {
            rules.Error("seed", $"an edit of sourceImageUrl is made by {editor}, which takes no seed: leave seed out");
        }
    }

    /// <summary>A clothing change of a given photo inpaints <c>outfit.description</c>: no prompt is written or used.</summary>
    private static void ValidateOutfitEdit(RequestRules rules, ImageRequest request)
    {
        foreach (var (field, value) in new[] { ("prompt", request.Prompt), ("idea", request.Idea) }.Where(f => f.Item2 is not null))
        {
            rules.Error(field, "is not used by an outfit change of sourceImageUrl (the inpainting prompt is outfit.description): leave it out");
        }
    }

    /// <summary>A seed is honoured only by a model whose endpoint takes one.</summary>
    private void ValidateSeed(RequestRules rules, CatalogModel model, ImageRequest request)
    {
        if (request.Seed is null || TakesSeed(model))
        {
            return;
        }

        var seeded = catalog.ModelsOfKind(ModelKind.Image).Where(TakesSeed);
        rules.Error("seed", $"{model.Key} takes no seed; models that do: {RequestRules.Keys(seeded)}");
    }

    private static bool TakesSeed(CatalogModel model) =>
        model.EndpointsFor(EndpointVariants.Default).Any(e => e.Inputs.ContainsKey(InputNames.Seed));

    private static void ValidateSize(RequestRules rules, CatalogModel model, ImageRequest request)
    {
        if ((request.Width is null) != (request.Height is null))
        {
            rules.Error(request.Width is null ? "width" : "height", "give width and height together");
            return;
        }

        if (request.Width is not { } width || request.Height is not { } height || model.Parameters.Size is not { } rule)
        {
            return;
        }

        if (rule.Values.Count > 0)
        {
            if (!rule.Allows(new ImageSize(width, height)))
            {
                rules.Error("width", $"width x height must be {rule.Describe()} for {model.Key} (got {new ImageSize(width, height)})");
            }

            return;
        }

        foreach (var (field, side) in new[] { ("width", width), ("height", height) }.Where(s => !rule.AllowsSide(s.Item2)))
        {
            rules.Error(field, RequestRules.Invariant($"must be {rule.Describe()} for {model.Key} (got {side})"));
        }
    }

    private void ValidateCharacter(RequestRules rules, CatalogModel model, ImageRequest request)
    {
        if (request.CharacterId is null)
        {
            return;
        }

        if (model.Parameters.MaxLoras == 0)
        {
            var withLora = catalog.ModelsOfKind(ModelKind.Image).Where(m => m.Parameters.MaxLoras > 0);
            rules.Error("characterId", $"{model.Key} takes no LoRA; models that apply a character: {RequestRules.Keys(withLora)}");
        }

        var refine = catalog.Model(catalog.Pipeline.Refine);
        if (request.SourceImageUrl is not null && request.Outfit is null && !refine.HasVariant(EndpointVariants.Lora))
        {
            rules.Error("characterId", $"an edit without outfit is refined by {refine.Key}, which takes no LoRA: give outfit or leave characterId out");
        }
    }

    private void ValidateControl(RequestRules rules, CatalogModel model, ImageRequest request)
    {
        if (request.Control is not { } control)
        {
            return;
        }

        if (!model.Parameters.Control)
        {
            var withControl = catalog.ModelsOfKind(ModelKind.Image).Where(m => m.Parameters.Control);
            rules.Error("control", $"is supported only by: {RequestRules.Keys(withControl)}");
        }

        if ((control.Pose == true) == (control.Depth == true))
        {
            rules.Error("control", "set exactly one of pose or depth: the ControlNet takes one control image");
        }

        if (request.SourceImageUrl is not null)
        {
            rules.Error("control", "cannot be combined with sourceImageUrl: control maps guide generation, and an edit generates nothing");
        }

        rules.Url("control.imageUrl", control.ImageUrl, required: true);
    }
}
