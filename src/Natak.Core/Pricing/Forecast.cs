namespace Natak.Core.Pricing;

/// <summary>
/// Monthly provider cost, credits and margins for given output volumes (cost breakdown §8): each line's request is
/// quoted once and scaled by its volume.
/// </summary>
public sealed class Forecast(QuoteEngine quotes, MarginCalculator margins)
{
    /// <exception cref="ArgumentException">A line's request is invalid (the message lists its errors).</exception>
    public ForecastReport Monthly(IEnumerable<ForecastLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var results = lines.Select(Line).ToList();
        var cost = results.Sum(r => r.CostUsd);
        var credits = results.Sum(r => r.Credits);
        return new ForecastReport(results, cost, credits, margins.Margins(cost, credits));
    }

    private ForecastLineResult Line(ForecastLine line)
    {
        var outcome = quotes.Quote(line.Request);
        if (!outcome.IsValid)
        {
            throw new ArgumentException($"Forecast line '{line.Name}': {outcome.Errors}", nameof(line));
        }

        var plan = outcome.Plan;
        var unitCost = plan.CostUsd / plan.OutputCount;
        var cost = unitCost * line.MonthlyOutputs;
        var credits = (long)plan.CreditsPerOutput * line.MonthlyOutputs;
        return new ForecastLineResult(line.Name, plan.OutputType, line.MonthlyOutputs, unitCost, plan.CreditsPerOutput, cost, credits,
            margins.Margins(cost, credits));
    }
}
