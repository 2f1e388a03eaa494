using Natak.Core.Pricing;

namespace Natak.Core.Requests;

/// <summary>Validates <see cref="VideoRequest"/> against the chosen model's resolutions, durations, audio and start-frame rules.</summary>
public sealed class VideoRequestValidator(PricingCatalog catalog, UrlPolicy urls)
{
    public ValidationErrors Validate(VideoRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rules = new RequestRules(catalog, urls, new ValidationErrors());
        var model = rules.Model(RequestDefaults.VideoModel(catalog, request), ModelKind.Video);
        rules.Rating(RequestDefaults.Rating(catalog, request.Rating), model);
        rules.PromptOrIdea(request.Prompt, request.Idea, model);
        rules.Url("imageUrl", request.ImageUrl);
        rules.Url("drivingVideoUrl", request.DrivingVideoUrl);
        rules.Id("characterId", request.CharacterId);
        if (request.ImageUrl is not null && request.CharacterId is not null)
        {
            rules.Error("imageUrl", "give at most one of imageUrl or characterId");
        }

        if (model is not null)
        {
            ValidateOptions(rules, model, request);
            ValidateInputs(rules, model, request);
        }

        return rules.Errors;
    }

    private void ValidateOptions(RequestRules rules, CatalogModel model, VideoRequest request)
    {
        var p = model.Parameters;
        if (request.Resolution is { } resolution && !p.Resolutions.Contains(resolution, StringComparer.Ordinal))
        {
            rules.Error("resolution", $"must be one of: {string.Join(", ", p.Resolutions)} for {model.Key} (got '{resolution}')");
        }

        if (request.DurationSeconds is { } duration)
        {
            var resolutionGiven = request.Resolution is null || p.Resolutions.Contains(request.Resolution, StringComparer.Ordinal);
            var atResolution = RequestDefaults.Resolution(model, request);
            if (p.Durations is null)
            {
                rules.Error("durationSeconds", $"is not accepted by {model.Key}: the length follows drivingVideoUrl");
            }
            else if (!p.Durations.Allows(duration))
            {
                rules.Error("durationSeconds", RequestRules.Invariant($"must be {p.Durations.Describe()} for {model.Key} (got {duration})"));
            }
            else if (resolutionGiven && !p.Durations.Allows(duration, atResolution))
            {
                var elsewhere = p.Resolutions.Where(r => p.Durations.Allows(duration, r)).ToList();
                rules.Error("durationSeconds", RequestRules.Invariant(
                    $"must be {p.Durations.Describe(atResolution)} for {model.Key} at {atResolution} (got {duration})")
                    + (elsewhere.Count > 0 ? $"; {duration} s is offered at: {string.Join(", ", elsewhere)}" : string.Empty));
            }
        }

        if (request.Audio == true && !p.Audio)
        {
            var withAudio = catalog.ModelsOfKind(ModelKind.Video).Where(m => m.Parameters.Audio);
            rules.Error("audio", $"must be false for {model.Key} (it makes no sound track); models with audio: {RequestRules.Keys(withAudio)}");
        }
    }

    private void ValidateInputs(RequestRules rules, CatalogModel model, VideoRequest request)
    {
        var videos = catalog.ModelsOfKind(ModelKind.Video);
        if (model.Parameters.DrivingVideo)
        {
            rules.Url("drivingVideoUrl", request.DrivingVideoUrl, required: true);
            return;
        }

        if (request.DrivingVideoUrl is not null)
        {
            rules.Error("drivingVideoUrl", $"is accepted only by: {RequestRules.Keys(videos.Where(m => m.Parameters.DrivingVideo))}");
        }

        if (request.ImageUrl is null && request.CharacterId is null && !model.Parameters.TextToVideo)
        {
            rules.Error("imageUrl", $"{model.Key} needs a start frame: give imageUrl or characterId (text-to-video models: {RequestRules.Keys(videos.Where(m => m.Parameters.TextToVideo))})");
        }
    }
}
