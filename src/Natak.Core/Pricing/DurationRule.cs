using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Natak.Core.Pricing;

/// <summary>
/// The video durations (whole seconds) a model accepts: a list of <c>values</c> or a <c>min</c>–<c>max</c> range (exactly one),
/// optionally shorter at some resolutions (<c>maxByResolution</c>: LTX-2 makes clips over 10 s only at 1080p).
/// </summary>
public sealed record DurationRule
{
    [Range(1, 3600)]
    public IReadOnlyList<int> Values { get; init; } = [];

    [Range(1, 3600)]
    public int? Min { get; init; }

    [Range(1, 3600)]
    public int? Max { get; init; }

    /// <summary>Resolution → the longest duration at that resolution, where it is below the model's own limit.</summary>
    [Range(1, 3600)]
    public IReadOnlyDictionary<string, int> MaxByResolution { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    public bool Allows(int seconds) => Values.Count > 0 ? Values.Contains(seconds) : seconds >= Min && seconds <= Max;

    /// <summary>Whether <paramref name="seconds"/> may be ordered at <paramref name="resolution"/>.</summary>
    public bool Allows(int seconds, string? resolution) =>
        Allows(seconds) && (resolution is null || !MaxByResolution.TryGetValue(resolution, out var max) || seconds <= max);

    public string Describe() => Values.Count > 0
        ? "one of: " + string.Join(", ", Values.Select(v => v.ToString(CultureInfo.InvariantCulture)))
        : string.Create(CultureInfo.InvariantCulture, $"between {Min} and {Max}");

    /// <summary>What is allowed at <paramref name="resolution"/>, e.g. "between 5 and 10".</summary>
    public string Describe(string? resolution)
    {
        if (resolution is null || !MaxByResolution.TryGetValue(resolution, out var max))
        {
            return Describe();
        }

        return Values.Count > 0
            ? "one of: " + string.Join(", ", Values.Where(v => v <= max).Select(v => v.ToString(CultureInfo.InvariantCulture)))
            : string.Create(CultureInfo.InvariantCulture, $"between {Min} and {Math.Min(Max ?? max, max)}");
    }
}
