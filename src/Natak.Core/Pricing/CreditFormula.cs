namespace Natak.Core.Pricing;

/// <summary>
/// The price of outputs without a fixed price: <c>max(minimumCredits, ceil(cost / (creditValueUsd × (1 − targetMargin))))</c>.
/// With the credit value at the cheapest pack's $/credit, even that pack's buyers leave the target margin.
/// </summary>
public sealed record CreditFormula(decimal CreditValueUsd, decimal TargetMargin, int MinimumCredits)
{
    public int CreditsFor(decimal costUsd) =>
        Math.Max(MinimumCredits, (int)Math.Ceiling(costUsd / (CreditValueUsd * (1m - TargetMargin))));
}
