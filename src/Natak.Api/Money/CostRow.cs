using System.Text.Json.Serialization;
using Natak.Core.Pricing;

namespace Natak.Api.Money;

/// <summary>
/// One line of the cost report: provider spend, the credits charged for it, and revenue and margin at each pack's
/// price per credit. Rows by output type carry the credits charged exactly (and the outputs delivered); rows by
/// provider or model carry each job's credits shared in proportion to what that provider or model cost the job.
/// </summary>
public sealed record CostRow(
    string? OutputType,
    string? Provider,
    string? Model,
    decimal SpendUsd,
    decimal Credits,
    long? Outputs,
    IReadOnlyList<PackMargin> Margins)
{
    /// <summary>Loses money at some pack's price.</summary>
    [JsonPropertyOrder(1)]
    public bool HasNegativeMargin => Margins.Any(m => m.IsNegative);
}
