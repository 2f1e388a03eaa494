namespace Natak.Core.Pricing;

/// <summary>
/// Provider spend and credits charged for one group (output type, optionally provider and model) over a period.
/// Credits belong to outputs, spend to provider calls: when rows split one output's spend by provider, attribute
/// its credits to one row only, or margins double count.
/// </summary>
public sealed record CostAggregate(string OutputType, string? Provider, string? Model, decimal SpendUsd, long Credits, long Outputs = 0);
