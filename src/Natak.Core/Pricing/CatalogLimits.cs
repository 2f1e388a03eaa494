using System.ComponentModel.DataAnnotations;

namespace Natak.Core.Pricing;

/// <summary>Catalogue section <c>limits</c>: request bounds that do not depend on a model.</summary>
public sealed record CatalogLimits
{
    [Range(1, 100_000)]
    public required int PromptMaxLength { get; init; }

    [Range(1, 100_000)]
    public required int IdeaMaxLength { get; init; }

    [Range(1, 100_000)]
    public required int OutfitDescriptionMaxLength { get; init; }

    [Range(1, 100_000)]
    public required int SegmentMaxLength { get; init; }

    [Range(0d, double.MaxValue)]
    public required long SeedMax { get; init; }

    [Range(16, 100_000)]
    public required int UrlMaxLength { get; init; }

    [Range(1, 1000)]
    public required int IdMaxLength { get; init; }
}
