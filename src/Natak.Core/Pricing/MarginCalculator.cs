namespace Natak.Core.Pricing;

/// <summary>
/// Revenue and margin of spend/credit aggregates at each credit pack's price — pure math for the cost report.
/// Revenue = credits × the pack's price per credit; margin = revenue − spend; negative margins are flagged.
/// </summary>
public sealed class MarginCalculator(PricingCatalog catalog)
{
    private const int Decimals = 6;

    /// <summary>The output type key of the report's total row.</summary>
    public const string TotalKey = "total";

    public MarginReport Calculate(IEnumerable<CostAggregate> aggregates)
    {
        ArgumentNullException.ThrowIfNull(aggregates);
        var rows = aggregates.Select(Row).ToList();
        var byType = rows
            .GroupBy(r => r.Aggregate.OutputType, StringComparer.Ordinal)
            .Select(g => Row(Sum(g.Key, g.Select(r => r.Aggregate))))
            .ToList();
        return new MarginReport(rows, byType, Row(Sum(TotalKey, rows.Select(r => r.Aggregate))));
    }

    public MarginRow Row(CostAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        return new MarginRow(aggregate, Margins(aggregate.SpendUsd, aggregate.Credits));
    }

    /// <summary>
    /// Revenue and margin of <paramref name="credits"/> sold against <paramref name="spendUsd"/>, at every pack.
    /// Credits may be fractional: a share of an output's credits attributed to one provider's part of its cost.
    /// </summary>
    public IReadOnlyList<PackMargin> Margins(decimal spendUsd, decimal credits) =>
        [.. catalog.Packs.Select(pack =>
        {
            var revenue = Math.Round(credits * pack.UsdPerCredit, Decimals, MidpointRounding.AwayFromZero);
            var margin = revenue - Math.Round(spendUsd, Decimals, MidpointRounding.AwayFromZero);
            return new PackMargin(pack.Key, revenue, margin, revenue == 0 ? null : Math.Round(margin / revenue, 4, MidpointRounding.AwayFromZero));
        })];

    private static CostAggregate Sum(string outputType, IEnumerable<CostAggregate> aggregates)
    {
        var list = aggregates.ToList();
        return new CostAggregate(outputType, null, null, list.Sum(a => a.SpendUsd), list.Sum(a => a.Credits), list.Sum(a => a.Outputs));
    }
}
