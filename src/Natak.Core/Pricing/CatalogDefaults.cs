namespace Natak.Core.Pricing;

/// <summary>Catalogue section <c>defaults</c>: what a request gets when it leaves a choice out.</summary>
public sealed record CatalogDefaults
{
    public required string ImageModel { get; init; }

    public required string VideoModel { get; init; }

    public required string Rating { get; init; }

    /// <summary>What segmentation looks for when an outfit change names no segment.</summary>
    public required string OutfitSegment { get; init; }
}
