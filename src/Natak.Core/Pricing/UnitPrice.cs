using System.ComponentModel.DataAnnotations;

namespace Natak.Core.Pricing;

/// <summary>
/// What one provider call costs us, as a function of its <see cref="Units"/>. The unit decides which members price
/// it: <see cref="Usd"/> for the simple units, <see cref="Rates"/> for <c>second</c>, the base and extra second for
/// <c>base-plus-extra-second</c>, the per-million token prices for <c>token</c>; loading refuses any other member.
/// </summary>
public sealed record UnitPrice
{
    public required PriceUnit Unit { get; init; }

    /// <summary>The price of one unit for the simple units (request, image, megapixel, step, gb-month).</summary>
    [Range(0d, double.MaxValue)]
    public decimal? Usd { get; init; }

    [MinLength(1)]
    public IReadOnlyList<SecondRate>? Rates { get; init; }

    [Range(1, 3600)]
    public int? BaseSeconds { get; init; }

    [Range(0d, double.MaxValue)]
    public decimal? BaseUsd { get; init; }

    [Range(0d, double.MaxValue)]
    public decimal? ExtraSecondUsd { get; init; }

    [Range(0d, double.MaxValue)]
    public decimal? InputPerMillionUsd { get; init; }

    [Range(0d, double.MaxValue)]
    public decimal? OutputPerMillionUsd { get; init; }

    /// <summary>The cost of the given units. Throws when a per-second price has no rate for them.</summary>
    public decimal CostOf(Units units)
    {
        ArgumentNullException.ThrowIfNull(units);
        return Unit switch
        {
            PriceUnit.Request => Given(Usd) * units.Requests,
            PriceUnit.Image => Given(Usd) * units.Images,
            PriceUnit.Megapixel => Given(Usd) * units.Megapixels,
            PriceUnit.Step => Given(Usd) * units.Steps,
            PriceUnit.GbMonth => Given(Usd) * units.GbMonths,
            PriceUnit.Token => (Given(InputPerMillionUsd) * units.InputTokens + Given(OutputPerMillionUsd) * units.OutputTokens) / 1_000_000m,
            PriceUnit.Second => RateFor(units.Resolution, units.Audio) * units.Seconds,
            PriceUnit.BasePlusExtraSecond => units.Seconds <= 0
                ? 0m
                : Given(BaseUsd) + Math.Max(0m, Math.Ceiling(units.Seconds) - Given(BaseSeconds)) * Given(ExtraSecondUsd),
            _ => throw new InvalidOperationException($"Unknown price unit {Unit}."),
        };
    }

    /// <summary>Whether a per-second rate exists for this resolution and audio (always true for other units).</summary>
    public bool HasRateFor(string? resolution, bool audio) =>
        Unit != PriceUnit.Second || (Rates ?? []).Any(rate => rate.Matches(resolution, audio));

    private decimal RateFor(string? resolution, bool audio)
    {
        var rate = (Rates ?? []).Where(r => r.Matches(resolution, audio)).MaxBy(r => r.Specificity)
            ?? throw new ArgumentException(
                $"No per-second rate for resolution '{resolution ?? "(none)"}' with audio={(audio ? "true" : "false")}.");
        return rate.Usd;
    }

    // Loading refuses a price without the members of its unit, so a missing one here is a catalogue built by hand.
    private decimal Given(decimal? amount) =>
        amount ?? throw new InvalidOperationException($"A '{KebabNames.Of(Unit)}' price is missing one of its amounts.");
}
