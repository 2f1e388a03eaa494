using System.Text.Json;
using Natak.Core.Jobs;
using Natak.Core.Pricing;

namespace Natak.Core.Requests;

/// <summary>
/// Validates any request against the catalogue: the start routes' bodies and the quote route's
/// <c>{kind, request}</c> envelope. URLs follow <see cref="UrlPolicy"/>.
/// </summary>
public sealed class RequestValidator(PricingCatalog catalog, UrlPolicy urls)
{
    private readonly CharacterRequestValidator _characters = new(catalog, urls);
    private readonly ImageRequestValidator _images = new(catalog, urls);
    private readonly VideoRequestValidator _videos = new(catalog, urls);

    public ValidationErrors Validate(IMediaRequest request) => request switch
    {
        CharacterRequest character => _characters.Validate(character),
        ImageRequest image => _images.Validate(image),
        VideoRequest video => _videos.Validate(video),
        null => throw new ArgumentNullException(nameof(request)),
        _ => throw new ArgumentException($"Unknown request type {request.GetType().Name}.", nameof(request)),
    };

    /// <summary>
    /// Reads the quote envelope into the typed request of its kind and validates it. Errors of the inner request
    /// carry the prefix <c>request.</c>, matching the body's shape.
    /// </summary>
    public ValidationErrors Validate(QuoteRequest quote, out IMediaRequest? request)
    {
        ArgumentNullException.ThrowIfNull(quote);
        request = null;
        var errors = new ValidationErrors();
        if (!JobKindExtensions.TryParseWire(quote.Kind, out var kind))
        {
            errors.Add("kind", $"must be one of: {string.Join(", ", WireNames<JobKind>.All)}");
        }

        if (quote.Request is not { ValueKind: JsonValueKind.Object } body)
        {
            errors.Add("request", "is required: the start route's request body (an object)");
            return errors;
        }

        if (!errors.IsValid)
        {
            return errors;
        }

        var type = kind switch
        {
            JobKind.Character => typeof(CharacterRequest),
            JobKind.Image => typeof(ImageRequest),
            _ => typeof(VideoRequest),
        };
        try
        {
            request = (IMediaRequest?)body.Deserialize(type, RequestJson.Options);
        }
        catch (JsonException ex)
        {
            var (path, message) = JsonFields.Describe(RequestJson.Options, type, ex);
            errors.Add(path.Length == 0 ? "request" : "request." + path, message);
            return errors;
        }

        errors.AddAll(Validate(request!), "request.");
        return errors;
    }
}
