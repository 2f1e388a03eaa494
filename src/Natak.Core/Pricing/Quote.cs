namespace Natak.Core.Pricing;

/// <summary>
/// <c>POST /api/quotes</c> response: credits to charge, estimated provider cost and its breakdown. The step costs
/// (rounded to 6 decimals) add up to <see cref="CostUsd"/>.
/// </summary>
public sealed record Quote
{
    public required int Credits { get; init; }

    public required decimal CostUsd { get; init; }

    public required IReadOnlyList<QuoteStep> Steps { get; init; }

    public required string OutputType { get; init; }

    public required int OutputCount { get; init; }

    public required int CreditsPerOutput { get; init; }
}
