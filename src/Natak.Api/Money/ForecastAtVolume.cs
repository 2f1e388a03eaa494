using Natak.Core.Pricing;

namespace Natak.Api.Money;

/// <summary>One row of the volume table (cost breakdown §8): every forecast output at <see cref="MonthlyOutputs"/> a month.</summary>
public sealed record ForecastAtVolume(long MonthlyOutputs, IReadOnlyList<ForecastLineResult> Lines, decimal CostUsd, long Credits, IReadOnlyList<PackMargin> Margins);
