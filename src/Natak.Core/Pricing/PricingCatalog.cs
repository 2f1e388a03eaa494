using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Natak.Core.Pricing;

/// <summary>
/// The pricing catalogue: provider models (ids, unit prices, accepted parameters, input field names, provider
/// preference), the credit price of every output and the credit packs. Loaded from JSON — the embedded default,
/// optionally patched or replaced by configuration — and validated as a whole; see docs/pricing-catalogue.md.
/// Immutable and thread-safe once loaded.
/// </summary>
public sealed class PricingCatalog
{
    private const string ResourceName = "Natak.Core.Pricing.catalog.json";

    /// <summary>The catalogue of a document that read cleanly: each model, endpoint, output type and pack learns its key.</summary>
    internal PricingCatalog(CatalogDocument document)
    {
        Version = document.Version;
        Ratings = document.Ratings;
        Providers = document.Providers;
        Defaults = document.Defaults;
        Limits = document.Limits;
        Estimates = document.Estimates;
        Pipeline = document.Pipeline;
        Character = document.Character;
        Video = document.Video;
        Models = document.Models.ToDictionary(m => m.Key, m => m.Value.PlacedAt(m.Key), StringComparer.Ordinal);
        Formula = document.Credits.Formula;
        OutputTypes = [.. document.Credits.OutputTypes.Select(t => t.Value with { Key = t.Key })];
        Packs = [.. document.Packs.Select(p => p.Value with { Key = p.Key })];
    }

    public string Version { get; }

    /// <summary>Every rating the platform knows (<c>sfw</c>, <c>nsfw</c>).</summary>
    public IReadOnlyList<string> Ratings { get; }

    /// <summary>Every provider name endpoints may use (<c>fal</c>, <c>wavespeed</c>, <c>xai</c>, <c>r2</c>).</summary>
    public IReadOnlyList<string> Providers { get; }

    public CatalogDefaults Defaults { get; }

    public CatalogLimits Limits { get; }

    public QuoteEstimates Estimates { get; }

    public PipelineModels Pipeline { get; }

    public CharacterSettings Character { get; }

    public VideoSettings Video { get; }

    /// <summary>Models by catalogue key, in document order.</summary>
    public IReadOnlyDictionary<string, CatalogModel> Models { get; }

    public CreditFormula Formula { get; }

    /// <summary>Output types in matching order: the first whose rule matches (and applies) prices the output.</summary>
    public IReadOnlyList<OutputType> OutputTypes { get; }

    public IReadOnlyList<CreditPack> Packs { get; }

    /// <summary>The embedded default catalogue document.</summary>
    public static string DefaultJson()
    {
        using var stream = typeof(PricingCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The embedded default, with <paramref name="patchJson"/> applied as a JSON merge patch (RFC 7386) when given:
    /// <c>{"models":{"kling-2.6-pro":{"price":{"rates":[…]}}}}</c> changes one price and keeps the rest.
    /// </summary>
    /// <exception cref="InvalidPricingCatalogException">The patch is not JSON, or the result is not a valid catalogue.</exception>
    public static PricingCatalog LoadDefault(string? patchJson = null)
    {
        var (catalog, errors) = CatalogReader.Read(Patched(patchJson));
        return catalog ?? throw new InvalidPricingCatalogException(errors);
    }

    /// <summary>The embedded default document with <paramref name="patchJson"/> applied as a JSON merge patch: what <see cref="LoadDefault"/> reads.</summary>
    /// <exception cref="InvalidPricingCatalogException">The patch is not JSON.</exception>
    public static string DefaultJson(string patchJson) => Patched(patchJson)?.ToJsonString() ?? "null";

    /// <summary>Parses and validates a complete catalogue document.</summary>
    /// <exception cref="InvalidPricingCatalogException">Lists every problem found.</exception>
    public static PricingCatalog Parse(string json) =>
        TryParse(json, out var catalog, out var errors) ? catalog : throw new InvalidPricingCatalogException(errors);

    public static bool TryParse(string json, [NotNullWhen(true)] out PricingCatalog? catalog, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            (catalog, errors) = CatalogReader.Read(CatalogReader.Parse(json));
            return catalog is not null;
        }
        catch (JsonException ex)
        {
            catalog = null;
            errors = [$"$: not valid JSON ({ex.Message})"];
            return false;
        }
    }

    /// <summary>
    /// The JSON Schema (draft 2020-12) of a catalogue document — or, with <paramref name="patch"/>, of a merge patch
    /// to the default — exported from the records the catalogue is read into. Published as
    /// <c>docs/pricing-catalogue.schema.json</c> and <c>docs/pricing-catalogue-patch.schema.json</c>.
    /// </summary>
    public static string JsonSchema(bool patch = false) => CatalogSchema.Export(patch);

    private static JsonNode? Patched(string? patchJson)
    {
        var document = CatalogReader.Parse(DefaultJson());
        if (string.IsNullOrWhiteSpace(patchJson))
        {
            return document;
        }

        try
        {
            return JsonMergePatch.Apply(document, CatalogReader.Parse(patchJson));
        }
        catch (JsonException ex)
        {
            throw new InvalidPricingCatalogException([$"patch: not valid JSON ({ex.Message})"]);
        }
    }

    /// <summary>A model by key.</summary>
    /// <exception cref="KeyNotFoundException">No such model.</exception>
    public CatalogModel Model(string key) =>
        Models.TryGetValue(key, out var model) ? model : throw new KeyNotFoundException($"The pricing catalogue has no model '{key}'.");

    /// <summary>Models of one kind, in document order.</summary>
    public IReadOnlyList<CatalogModel> ModelsOfKind(ModelKind kind) => [.. Models.Values.Where(m => m.Kind == kind)];

    /// <summary>The pack with that key, or null.</summary>
    public CreditPack? FindPack(string? key) => Packs.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.Ordinal));

    /// <summary>
    /// What a call to <paramref name="modelKey"/> at <paramref name="provider"/> costs for the given units — the
    /// estimate in a quote, or the actual cost of a delivered step from its measured units. An endpoint's own price
    /// (z-image's ControlNet) applies when <paramref name="variant"/> names it.
    /// </summary>
    /// <exception cref="KeyNotFoundException">Unknown model, or the provider does not offer it.</exception>
    /// <exception cref="ArgumentException">A per-second price has no rate for the units' resolution and audio.</exception>
    public decimal CostOf(string modelKey, string provider, Units units, string? variant = null)
    {
        var model = Model(modelKey);
        var offer = model.Providers.FirstOrDefault(p => string.Equals(p.Provider, provider, StringComparison.Ordinal))
            ?? throw new KeyNotFoundException($"Provider '{provider}' does not offer '{modelKey}'.");
        var price = variant is not null && offer.Endpoints.TryGetValue(variant, out var endpoint) && endpoint.Price is not null
            ? endpoint.Price
            : model.Price;
        try
        {
            return price.CostOf(units);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"'{modelKey}': {ex.Message}", nameof(units), ex);
        }
    }

    /// <summary>The actual cost of one delivered run of a plan step at the provider that ran it, from its measured units.</summary>
    public decimal CostOf(PlanStep step, string provider, Units units)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.ModelKey is { } model
            ? CostOf(model, provider, units, step.Variant)
            : throw new ArgumentException($"Step '{step.Id}' is Natak's own work: no catalogue price.", nameof(step));
    }

    /// <summary>
    /// The output type and credits per output: the first output type, in document order, whose rule matches and applies
    /// (a fixed price scaling with a quantity the output lacks does not apply); a formula type prices by
    /// <see cref="Formula"/> over <paramref name="costPerOutputUsd"/>.
    /// </summary>
    public (OutputType Type, int Credits) PriceOutput(OutputFacts facts, decimal costPerOutputUsd)
    {
        ArgumentNullException.ThrowIfNull(facts);
        foreach (var type in OutputTypes.Where(t => t.Match.Matches(facts)))
        {
            if (type.IsFormula)
            {
                return (type, Formula.CreditsFor(costPerOutputUsd));
            }

            if (type.FixedCreditsFor(facts) is { } credits)
            {
                return (type, credits);
            }
        }

        // Validation guarantees a catch-all per kind, so this is reached only for a hand-made OutputFacts.
        throw new InvalidOperationException($"No output type prices a {facts.Kind} output.");
    }
}
