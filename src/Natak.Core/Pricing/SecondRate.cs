using System.ComponentModel.DataAnnotations;

namespace Natak.Core.Pricing;

/// <summary>
/// One per-second rate. A <c>null</c> resolution or audio matches any value; the most specific matching rate wins.
/// </summary>
public sealed record SecondRate
{
    public string? Resolution { get; init; }

    public bool? Audio { get; init; }

    [Range(0d, double.MaxValue)]
    public required decimal Usd { get; init; }

    internal bool Matches(string? resolution, bool audio) =>
        (Resolution is null || string.Equals(Resolution, resolution, StringComparison.Ordinal))
        && (Audio is null || Audio == audio);

    internal int Specificity => (Resolution is null ? 0 : 1) + (Audio is null ? 0 : 1);
}
