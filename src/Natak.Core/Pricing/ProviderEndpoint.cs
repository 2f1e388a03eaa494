using System.Text.Json;
using System.Text.Json.Nodes;

namespace Natak.Core.Pricing;

/// <summary>
/// One provider's endpoint for one variant of a model: its model id, how logical inputs map to its fields,
/// fixed inputs it always gets, inputs added for a rating, and optionally its own price.
/// </summary>
public sealed record ProviderEndpoint
{
    [SetByReader]
    public required string Provider { get; init; }

    [SetByReader]
    public required string Variant { get; init; }

    /// <summary>The provider's model id, e.g. <c>fal-ai/kling-video/v2.6/pro/image-to-video</c>.</summary>
    public required string ModelId { get; init; }

    /// <summary>Logical input name (<see cref="InputNames"/>) → provider field and format.</summary>
    [InputNameKeys]
    public IReadOnlyDictionary<string, InputMapping> Inputs { get; init; } = new Dictionary<string, InputMapping>();

    /// <summary>Provider field → value, always sent (e.g. pony-realism's <c>model_name</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement> FixedInputs { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>Rating → provider fields added for that rating (e.g. no safety checker for <c>nsfw</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonElement>> RatingInputs { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, JsonElement>>();

    /// <summary>A price for this endpoint only (z-image's ControlNet bills less per megapixel); <c>null</c> = the model's.</summary>
    public UnitPrice? Price { get; init; }

    /// <summary>
    /// The provider request body: fixed inputs, then the rating's inputs, then every mapped logical value present
    /// in <paramref name="values"/> (values the endpoint does not map are ignored).
    /// </summary>
    public JsonObject BuildInput(IReadOnlyDictionary<string, string> values, string? rating = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var body = new JsonObject();
        foreach (var (field, value) in FixedInputs)
        {
            body[field] = JsonNode.Parse(value.GetRawText());
        }

        if (rating is not null && RatingInputs.TryGetValue(rating, out var ratingInputs))
        {
            foreach (var (field, value) in ratingInputs)
            {
                body[field] = JsonNode.Parse(value.GetRawText());
            }
        }

        foreach (var (name, mapping) in Inputs)
        {
            if (values.TryGetValue(name, out var value))
            {
                body[mapping.Field] = mapping.ToJson(value);
            }
        }

        return body;
    }

    /// <summary>The endpoint as read, placed under its provider and variant, every input with its format filled in.</summary>
    internal ProviderEndpoint PlacedAt(string provider, string variant) => this with
    {
        Provider = provider,
        Variant = variant,
        Inputs = Inputs.ToDictionary(
            i => i.Key,
            i => i.Value.Format is null && InputNames.TryGetDefaultFormat(i.Key, out var format) ? i.Value with { Format = format } : i.Value,
            StringComparer.Ordinal),
    };
}
