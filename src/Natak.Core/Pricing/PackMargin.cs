namespace Natak.Core.Pricing;

/// <summary>Revenue and margin of some credits and spend, valued at one pack's price per credit.</summary>
public sealed record PackMargin(string Pack, decimal RevenueUsd, decimal MarginUsd, decimal? MarginRatio)
{
    /// <summary>Revenue below spend: this output loses money when bought with this pack.</summary>
    public bool IsNegative => MarginUsd < 0;
}
