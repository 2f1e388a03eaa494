namespace Natak.Providers.Xai;

/// <summary>Token usage of one completion, as xAI reported it.</summary>
/// <param name="PromptTokens"><c>usage.prompt_tokens</c>.</param>
/// <param name="CompletionTokens"><c>usage.completion_tokens</c>.</param>
/// <param name="ReasoningTokens"><c>usage.completion_tokens_details.reasoning_tokens</c>.</param>
/// <param name="TotalTokens"><c>usage.total_tokens</c> (0 when absent).</param>
public sealed record XaiUsage(long PromptTokens, long CompletionTokens, long ReasoningTokens, long TotalTokens)
{
    private const decimal TokensPerMillion = 1_000_000m;

    /// <summary>
    /// Output tokens billed at the output price, reasoning included. xAI has reported reasoning tokens outside
    /// <c>completion_tokens</c> (total = prompt + completion + reasoning) while OpenAI-style APIs fold them in
    /// (total = prompt + completion); the total tells which, so neither convention is counted twice or missed.
    /// Without a total, reasoning is assumed separate (the costlier reading).
    /// </summary>
    public long BillableOutputTokens =>
        TotalTokens > 0 ? Math.Max(CompletionTokens, TotalTokens - PromptTokens) : CompletionTokens + ReasoningTokens;

    /// <summary>The exact USD cost at the given per-million-token prices (no rounding; the caller rounds).</summary>
    public decimal CostUsd(decimal inputPricePerMillion, decimal outputPricePerMillion)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputPricePerMillion);
        ArgumentOutOfRangeException.ThrowIfNegative(outputPricePerMillion);
        return (PromptTokens * inputPricePerMillion + BillableOutputTokens * outputPricePerMillion) / TokensPerMillion;
    }
}
