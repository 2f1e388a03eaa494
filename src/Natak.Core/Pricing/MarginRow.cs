namespace Natak.Core.Pricing;

/// <summary>One aggregate with its margin at every pack's price.</summary>
public sealed record MarginRow(CostAggregate Aggregate, IReadOnlyList<PackMargin> Margins)
{
    public bool HasNegativeMargin => Margins.Any(m => m.IsNegative);
}
