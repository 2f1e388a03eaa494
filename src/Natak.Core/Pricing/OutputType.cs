using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Natak.Core.Pricing;

/// <summary>
/// A priced kind of output. Either a fixed price (<see cref="FixedCredits"/>, optionally scaled by
/// <see cref="Per"/>) or priced by the catalogue's <see cref="CreditFormula"/> over its quoted cost (<see cref="Formula"/>).
/// </summary>
public sealed record OutputType
{
    /// <summary>Stable key used in the ledger's spend records and the cost report (<c>premium-video</c>).</summary>
    [SetByReader]
    public required string Key { get; init; }

    public required string Name { get; init; }

    /// <summary>The fixed price in credits (catalogue <c>credits</c>); <c>null</c> when priced by formula.</summary>
    [JsonPropertyName("credits")]
    [Range(1, 1_000_000)]
    public int? FixedCredits { get; init; }

    /// <summary>Priced by the formula over the quoted cost instead of a fixed price.</summary>
    public bool Formula { get; init; }

    public CreditPer? Per { get; init; }

    public required OutputMatch Match { get; init; }

    public bool IsFormula => Formula;

    /// <summary>
    /// The fixed credits for one output, or <c>null</c> when this type is formula-priced or the quantity it scales
    /// with is unknown for the output (then the rule does not apply).
    /// </summary>
    public int? FixedCreditsFor(OutputFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (Formula || FixedCredits is not { } credits)
        {
            return null;
        }

        if (Per is null)
        {
            return credits;
        }

        return facts.Quantities.TryGetValue(Per.Quantity, out var quantity) && quantity > 0
            ? (int)Math.Ceiling(credits * quantity / Per.Amount)
            : null;
    }
}
