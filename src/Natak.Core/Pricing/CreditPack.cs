namespace Natak.Core.Pricing;

/// <summary>A credit pack users buy (<c>starter</c>: 100 credits for $5).</summary>
public sealed record CreditPack(string Key, int Credits, decimal PriceUsd)
{
    /// <summary>What one credit of this pack is worth in USD (revenue per credit).</summary>
    public decimal UsdPerCredit => PriceUsd / Credits;
}
