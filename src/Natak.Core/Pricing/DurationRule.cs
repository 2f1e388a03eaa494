using System.Globalization;

namespace Natak.Core.Pricing;

/// <summary>The video durations (whole seconds) a model accepts: a list of <c>values</c> or a <c>min</c>–<c>max</c> range.</summary>
public sealed record DurationRule
{
    public IReadOnlyList<int> Values { get; init; } = [];

    public int Min { get; init; }

    public int Max { get; init; }

    public bool Allows(int seconds) => Values.Count > 0 ? Values.Contains(seconds) : seconds >= Min && seconds <= Max;

    public string Describe() => Values.Count > 0
        ? "one of: " + string.Join(", ", Values.Select(v => v.ToString(CultureInfo.InvariantCulture)))
        : string.Create(CultureInfo.InvariantCulture, $"between {Min} and {Max}");
}
