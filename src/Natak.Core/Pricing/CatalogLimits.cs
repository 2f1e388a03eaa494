namespace Natak.Core.Pricing;

/// <summary>Catalogue section <c>limits</c>: request bounds that do not depend on a model.</summary>
public sealed record CatalogLimits
{
    public required int PromptMaxLength { get; init; }

    public required int IdeaMaxLength { get; init; }

    public required int OutfitDescriptionMaxLength { get; init; }

    public required int SegmentMaxLength { get; init; }

    public required long SeedMax { get; init; }

    public required int UrlMaxLength { get; init; }

    public required int IdMaxLength { get; init; }
}
