namespace Natak.Core.Pricing;

/// <summary>One quoted request variant, as <see cref="PriceInversions"/> compares it.</summary>
internal sealed record PriceVariant
{
    public required string Model { get; init; }

    /// <summary>Resolution and duration, or image size, and how the output is made: what compared variants share.</summary>
    public required string Setting { get; init; }

    public required IReadOnlySet<string> Features { get; init; }

    public required int Credits { get; init; }

    public required string OutputType { get; init; }

    public static PriceVariant Of(string setting, PipelinePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new PriceVariant
        {
            Model = plan.Facts.Model ?? string.Empty,
            Setting = setting,
            Features = plan.Facts.Features.ToHashSet(StringComparer.Ordinal),
            Credits = plan.CreditsPerOutput,
            OutputType = plan.OutputType,
        };
    }

    /// <summary>Whether <paramref name="other"/> is this variant with <paramref name="addOn"/> added (and nothing taken away).</summary>
    public bool IsWithout(string addOn, PriceVariant other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return !Features.Contains(addOn) && other.Features.Contains(addOn) && other.Features.IsSupersetOf(Features);
    }

    /// <summary>E.g. <c>1080p 5 s from an image, with audio</c> or <c>1024x1024, no add-ons</c>.</summary>
    public string Describe()
    {
        var addOns = OutputFeatures.AddOns.Where(Features.Contains).ToList();
        return Setting + (addOns.Count == 0 ? ", no add-ons" : ", with " + string.Join(", ", addOns));
    }
}
