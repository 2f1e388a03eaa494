namespace Natak.Core.Pricing;

/// <summary>One forecast line: unit figures from the quote, monthly figures = unit × volume, margins at each pack.</summary>
public sealed record ForecastLineResult(
    string Name,
    string OutputType,
    long MonthlyOutputs,
    decimal UnitCostUsd,
    int CreditsPerOutput,
    decimal CostUsd,
    long Credits,
    IReadOnlyList<PackMargin> Margins);
