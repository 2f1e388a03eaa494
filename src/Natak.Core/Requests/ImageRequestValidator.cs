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
        rules.PromptOrIdea(request.Prompt, request.Idea, model);
        rules.Range("seed", request.Seed, 0, catalog.Limits.SeedMax);
        rules.Url("sourceImageUrl", request.SourceImageUrl);
        rules.Id("characterId", request.CharacterId);
        if (model is not null)
        {
            ValidateSize(rules, model, request);
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
