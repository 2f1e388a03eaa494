using Natak.Core.Jobs;

namespace Natak.Core.Pricing;

/// <summary>What the credit rules see of one planned output: kind, model, resolution, features and quantities.</summary>
public sealed record OutputFacts
{
    public required JobKind Kind { get; init; }

    /// <summary>The user-chosen model; <c>null</c> for a character.</summary>
    public string? Model { get; init; }

    public string? Resolution { get; init; }

    public IReadOnlySet<string> Features { get; init; } = new HashSet<string>();

    /// <summary><see cref="CreditQuantities"/> name → amount (seconds of video, training steps).</summary>
    public IReadOnlyDictionary<string, decimal> Quantities { get; init; } = new Dictionary<string, decimal>();
}
