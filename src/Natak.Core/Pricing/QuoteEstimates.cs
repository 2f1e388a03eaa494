using System.ComponentModel.DataAnnotations;

namespace Natak.Core.Pricing;

/// <summary>Catalogue section <c>estimates</c>: quantities a quote assumes before the real ones are known.</summary>
public sealed record QuoteEstimates
{
    /// <summary>Tokens one prompt expansion is assumed to read (300 × $5/1M + 100 × $15/1M ≈ $0.003).</summary>
    [Range(0, 1_000_000)]
    public required int PromptInputTokens { get; init; }

    [Range(0, 1_000_000)]
    public required int PromptOutputTokens { get; init; }

    /// <summary>Storage a new character is quoted for: its LoRA (~50 MB) and reference images, one month.</summary>
    [Range(0d, double.MaxValue)]
    public required decimal CharacterStorageGbMonths { get; init; }
}
