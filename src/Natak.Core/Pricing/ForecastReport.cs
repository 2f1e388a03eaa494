namespace Natak.Core.Pricing;

/// <summary>A monthly forecast: every line, and the month's total cost, credits and margins.</summary>
public sealed record ForecastReport(IReadOnlyList<ForecastLineResult> Lines, decimal CostUsd, long Credits, IReadOnlyList<PackMargin> Margins);
