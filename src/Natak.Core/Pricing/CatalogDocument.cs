using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Natak.Core.Pricing;

/// <summary>
/// The catalogue document as written — <c>catalog.json</c>, or the default with a merge patch applied — read by
/// System.Text.Json (<see cref="CatalogJson"/>). Its schema is <c>docs/pricing-catalogue.schema.json</c>.
/// </summary>
internal sealed record CatalogDocument
{
    /// <summary>Where an editor finds the schema; ignored otherwise.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public required string Version { get; init; }

    [MinLength(1)]
    public required IReadOnlyList<string> Ratings { get; init; }

    [MinLength(1)]
    public required IReadOnlyList<string> Providers { get; init; }

    public required CatalogDefaults Defaults { get; init; }

    public required CatalogLimits Limits { get; init; }

    public required QuoteEstimates Estimates { get; init; }

    public required PipelineModels Pipeline { get; init; }

    public required CharacterSettings Character { get; init; }

    public required VideoSettings Video { get; init; }

    [MinLength(1)]
    public required IReadOnlyDictionary<string, CatalogModel> Models { get; init; }

    public required CreditRules Credits { get; init; }

    [MinLength(1)]
    public required IReadOnlyDictionary<string, CreditPack> Packs { get; init; }
}
