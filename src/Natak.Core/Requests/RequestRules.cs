using System.Globalization;
using Natak.Core.Pricing;

namespace Natak.Core.Requests;

/// <summary>The rules the three request validators share, writing into one <see cref="ValidationErrors"/>.</summary>
internal sealed class RequestRules(PricingCatalog catalog, UrlPolicy urls, ValidationErrors errors)
{
    public ValidationErrors Errors => errors;

    public void Error(string field, string message) => errors.Add(field, message);

    /// <summary>A catalogue model of <paramref name="kind"/>, or <c>null</c> (with an error naming the models) when unknown.</summary>
    public CatalogModel? Model(string key, ModelKind kind)
    {
        if (catalog.Models.TryGetValue(key, out var model) && model.Kind == kind)
        {
            return model;
        }

        Error("model", $"must be one of: {Keys(catalog.ModelsOfKind(kind))} (got '{key}')");
        return null;
    }

    /// <summary>The rating must be known and accepted by the model; the message names the models that accept it.</summary>
    public void Rating(string rating, CatalogModel? model)
    {
        if (!catalog.Ratings.Contains(rating, StringComparer.Ordinal))
        {
            Error("rating", $"must be one of: {string.Join(", ", catalog.Ratings)} (got '{rating}')");
            return;
        }

        if (model is not null && !model.Accepts(rating))
        {
            var accepting = catalog.ModelsOfKind(model.Kind).Where(m => m.Accepts(rating));
            Error("rating", $"'{rating}' is not accepted by {model.Key}; models that accept {rating}: {Keys(accepting)}");
        }
    }

    public void PromptOrIdea(string? prompt, string? idea, CatalogModel? model)
    {
        var hasPrompt = RequestDefaults.Given(prompt);
        var hasIdea = RequestDefaults.Given(idea);
        if (hasPrompt == hasIdea)
        {
            Error(hasPrompt ? "idea" : "prompt", "give exactly one of prompt or idea");
            return;
        }

        var max = Math.Min(catalog.Limits.PromptMaxLength, model?.Parameters.PromptMaxLength ?? int.MaxValue);
        if (hasPrompt)
        {
            MaxLength("prompt", prompt!, max, model is { Parameters.PromptMaxLength: not null } ? $" for {model.Key}" : string.Empty);
        }
        else
        {
            MaxLength("idea", idea!, catalog.Limits.IdeaMaxLength, string.Empty);
        }
    }

    public void MaxLength(string field, string value, int max, string suffix = "")
    {
        if (value.Length > max)
        {
            Error(field, Invariant($"must be at most {max} characters{suffix} (got {value.Length})"));
        }
    }

    /// <summary>Required text of 1..<paramref name="max"/> characters.</summary>
    public void RequiredText(string field, string? value, int max)
    {
        if (!RequestDefaults.Given(value))
        {
            Error(field, Invariant($"is required (1–{max} characters)"));
            return;
        }

        MaxLength(field, value!, max);
        if (value!.Any(char.IsControl))
        {
            Error(field, "must not contain control characters");
        }
    }

    public void Url(string field, string? url, bool required = false)
    {
        if (url is null)
        {
            if (required)
            {
                Error(field, "is required (an absolute https URL)");
            }

            return;
        }

        if (urls.Problem(url, catalog.Limits.UrlMaxLength) is { } problem)
        {
            Error(field, problem);
        }
    }

    /// <summary>An id of ours (character id): letters, digits, <c>_</c> and <c>-</c>.</summary>
    public void Id(string field, string? id)
    {
        if (id is null)
        {
            return;
        }

        if (id.Length == 0 || id.Length > catalog.Limits.IdMaxLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            Error(field, Invariant($"must be 1–{catalog.Limits.IdMaxLength} letters, digits, '_' or '-'"));
        }
    }

    public void Range(string field, long? value, long min, long max, string suffix = "")
    {
        if (value is { } v && (v < min || v > max))
        {
            Error(field, Invariant($"must be between {min} and {max}{suffix} (got {v})"));
        }
    }

    public static string Keys(IEnumerable<CatalogModel> models) => string.Join(", ", models.Select(m => m.Key));

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
