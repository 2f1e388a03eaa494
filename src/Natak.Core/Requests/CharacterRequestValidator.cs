using Natak.Core.Pricing;

namespace Natak.Core.Requests;

/// <summary>Validates <see cref="CharacterRequest"/> against the catalogue's <c>character</c> section.</summary>
public sealed class CharacterRequestValidator(PricingCatalog catalog, UrlPolicy urls)
{
    public ValidationErrors Validate(CharacterRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = catalog.Character;
        var rules = new RequestRules(catalog, urls, new ValidationErrors());
        rules.RequiredText("name", request.Name, settings.NameMaxLength);

        var images = $"{settings.MinImages}–{settings.MaxImages} images";
        if ((request.ImageUrls is null) == (request.ImagesZipUrl is null))
        {
            rules.Error("imageUrls", $"give exactly one of imageUrls ({images}) or imagesZipUrl");
        }
        else if (request.ImageUrls is { } imageUrls)
        {
            rules.Range("imageUrls", imageUrls.Count, settings.MinImages, settings.MaxImages, " images");
            for (var i = 0; i < imageUrls.Count; i++)
            {
                rules.Url(RequestRules.Invariant($"imageUrls[{i}]"), imageUrls[i], required: true);
            }
        }
        else
        {
            rules.Url("imagesZipUrl", request.ImagesZipUrl, required: true);
        }

        var quality = RequestDefaults.Quality(catalog, request);
        if (!settings.Quality.ContainsKey(quality))
        {
            rules.Error("quality", $"must be one of: {string.Join(", ", settings.Quality.Keys)} (got '{quality}')");
        }

        rules.Range("steps", request.Steps, settings.MinSteps, settings.MaxSteps);

        var triggerWord = RequestDefaults.TriggerWord(request);
        if (!settings.TriggerWordPattern.IsMatch(triggerWord))
        {
            var pattern = settings.TriggerWordPattern.ToString();
            rules.Error("triggerWord", request.TriggerWord is null
                ? $"is required: the name gives no trigger word matching {pattern}"
                : $"must match {pattern}, e.g. MAYA (got '{triggerWord}')");
        }

        return rules.Errors;
    }
}
