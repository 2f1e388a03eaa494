namespace Natak.Core.Pricing;

/// <summary>Catalogue section <c>estimates</c>: quantities a quote assumes before the real ones are known.</summary>
public sealed record QuoteEstimates
{
    /// <summary>Tokens one prompt expansion is assumed to read (300 × $5/1M + 100 × $15/1M ≈ $0.003).</summary>
    public required int PromptInputTokens { get; init; }

    public required int PromptOutputTokens { get; init; }

    /// <summary>Storage a new character is quoted for: its LoRA (~50 MB) and reference images, one month.</summary>
    public required decimal CharacterStorageGbMonths { get; init; }
}
