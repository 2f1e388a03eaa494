using System.ComponentModel.DataAnnotations;

namespace Natak.Core.Pricing;

/// <summary>A model in the catalogue: what it is, what it costs, what it accepts and who offers it.</summary>
public sealed record CatalogModel
{
    /// <summary>The catalogue key, e.g. <c>kling-2.6-pro</c>; the API's <c>model</c> values are these keys.</summary>
    [SetByReader]
    public required string Key { get; init; }

    public required ModelKind Kind { get; init; }

    public required string Name { get; init; }

    /// <summary>The ratings the model accepts (image and video models); empty for pipeline helpers.</summary>
    public IReadOnlyList<string> Ratings { get; init; } = [];

    /// <summary>How prompts for this model should be written (image and video models; told to the prompt writer).</summary>
    public string? PromptStyle { get; init; }

    public required UnitPrice Price { get; init; }

    public ModelParameters Parameters { get; init; } = ModelParameters.None;

    /// <summary>Providers in preference order: the first is tried first, the next on failure or throttling.</summary>
    [MinLength(1)]
    public required IReadOnlyList<ProviderOffer> Providers { get; init; }

    public bool Accepts(string rating) => Ratings.Contains(rating, StringComparer.Ordinal);

    public bool HasVariant(string variant) => Providers.Any(p => p.Endpoints.ContainsKey(variant));

    /// <summary>The endpoints serving a variant, in provider preference order.</summary>
    public IReadOnlyList<ProviderEndpoint> EndpointsFor(string variant) =>
        [.. Providers.Select(p => p.Endpoints.GetValueOrDefault(variant)).OfType<ProviderEndpoint>()];

    /// <summary>The endpoint of one provider for a variant, or <c>null</c>.</summary>
    public ProviderEndpoint? Endpoint(string provider, string variant) =>
        Providers.FirstOrDefault(p => string.Equals(p.Provider, provider, StringComparison.Ordinal))
            ?.Endpoints.GetValueOrDefault(variant);

    /// <summary>The model as read, placed under its key: every endpoint learns its provider and variant.</summary>
    internal CatalogModel PlacedAt(string key) => this with
    {
        Key = key,
        Providers = [.. Providers.Select(offer => offer with
        {
            Endpoints = offer.Endpoints.ToDictionary(e => e.Key, e => e.Value.PlacedAt(offer.Provider, e.Key), StringComparer.Ordinal),
        })],
    };
}
