using System.ComponentModel.DataAnnotations;

namespace Natak.Core.Pricing;

/// <summary>
/// The price of outputs without a fixed price: <c>max(minimumCredits, ceil(cost / (creditValueUsd × (1 − targetMargin))))</c>.
/// With the credit value at the cheapest pack's $/credit, even that pack's buyers leave the target margin.
/// </summary>
public sealed record CreditFormula(
    [property: Range(0d, double.MaxValue, MinimumIsExclusive = true)] decimal CreditValueUsd,
    [property: Range(0d, 0.99d)] decimal TargetMargin,
    [property: Range(0, 1_000_000)] int MinimumCredits)
{
    public int CreditsFor(decimal costUsd) =>
        Math.Max(MinimumCredits, (int)Math.Ceiling(costUsd / (CreditValueUsd * (1m - TargetMargin))));
}
