namespace Natak.Core.Pricing;

/// <summary>
/// Monthly provider cost, credits and margins for given output volumes (cost breakdown §8): each line's request is
/// quoted once and scaled by its volume.
/// </summary>
public sealed class Forecast(QuoteEngine quotes, MarginCalculator margins)
{
    private const int CostDecimals = 6;

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

        // the quote's cost (steps rounded to the micro-dollar, as quoted to users), spread over its outputs
        var plan = outcome.Plan;
        var quoted = outcome.Quote.CostUsd;
        var unitCost = Math.Round(quoted / plan.OutputCount, CostDecimals, MidpointRounding.AwayFromZero);
        var cost = Math.Round(quoted * line.MonthlyOutputs / plan.OutputCount, CostDecimals, MidpointRounding.AwayFromZero);
        var credits = (long)plan.CreditsPerOutput * line.MonthlyOutputs;
        return new ForecastLineResult(line.Name, plan.OutputType, line.MonthlyOutputs, unitCost, plan.CreditsPerOutput, cost, credits,
            margins.Margins(cost, credits));
    }
}
