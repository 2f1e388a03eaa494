namespace Natak.Core.Pricing;

/// <summary>What one provider call costs us, as a function of its <see cref="Units"/>.</summary>
public sealed record UnitPrice
{
    public required PriceUnit Unit { get; init; }

    /// <summary>The price of one unit for the simple units (request, image, megapixel, step, gb-month).</summary>
    public decimal Usd { get; init; }

    public IReadOnlyList<SecondRate> Rates { get; init; } = [];

    public int BaseSeconds { get; init; }

    public decimal BaseUsd { get; init; }

    public decimal ExtraSecondUsd { get; init; }

    public decimal InputPerMillionUsd { get; init; }

    public decimal OutputPerMillionUsd { get; init; }

    /// <summary>The cost of the given units. Throws when a per-second price has no rate for them.</summary>
    public decimal CostOf(Units units)
    {
        ArgumentNullException.ThrowIfNull(units);
        return Unit switch
        {
            PriceUnit.Request => Usd * units.Requests,
            PriceUnit.Image => Usd * units.Images,
            PriceUnit.Megapixel => Usd * units.Megapixels,
            PriceUnit.Step => Usd * units.Steps,
            PriceUnit.GbMonth => Usd * units.GbMonths,
            PriceUnit.Token => (InputPerMillionUsd * units.InputTokens + OutputPerMillionUsd * units.OutputTokens) / 1_000_000m,
            PriceUnit.Second => RateFor(units.Resolution, units.Audio) * units.Seconds,
            PriceUnit.BasePlusExtraSecond => units.Seconds <= 0
                ? 0m
                : BaseUsd + Math.Max(0m, Math.Ceiling(units.Seconds) - BaseSeconds) * ExtraSecondUsd,
            _ => throw new InvalidOperationException($"Unknown price unit {Unit}."),
        };
    }

    /// <summary>Whether a per-second rate exists for this resolution and audio (always true for other units).</summary>
    public bool HasRateFor(string? resolution, bool audio) =>
        Unit != PriceUnit.Second || Rates.Any(rate => rate.Matches(resolution, audio));

    private decimal RateFor(string? resolution, bool audio)
    {
        var rate = Rates.Where(r => r.Matches(resolution, audio)).MaxBy(r => r.Specificity)
            ?? throw new ArgumentException(
                $"No per-second rate for resolution '{resolution ?? "(none)"}' with audio={(audio ? "true" : "false")}.");
        return rate.Usd;
    }
}
