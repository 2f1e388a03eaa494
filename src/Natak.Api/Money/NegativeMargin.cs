namespace Natak.Api.Money;

/// <summary>
/// A flagged loss: the row (<see cref="Group"/> <c>outputType</c>, <c>provider</c>, <c>model</c> or <c>total</c>)
/// spends more than it earns when its credits were bought with <see cref="Pack"/>.
/// </summary>
public sealed record NegativeMargin(string Group, string? OutputType, string? Provider, string? Model, string Pack, decimal RevenueUsd, decimal MarginUsd);
