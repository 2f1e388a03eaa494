using System.ComponentModel.DataAnnotations;

namespace Natak.Core.Pricing;

/// <summary>A credit pack users buy (<c>starter</c>: 100 credits for $5).</summary>
public sealed record CreditPack
{
    /// <summary>The pack's key in the catalogue (<c>starter</c>), which purchases name.</summary>
    [SetByReader]
    public required string Key { get; init; }

    [Range(1, 100_000_000)]
    public required int Credits { get; init; }

    [Range(0d, double.MaxValue, MinimumIsExclusive = true)]
    public required decimal PriceUsd { get; init; }

    /// <summary>What one credit of this pack is worth in USD (revenue per credit).</summary>
    public decimal UsdPerCredit => PriceUsd / Credits;
}
