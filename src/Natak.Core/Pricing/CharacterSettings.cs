using System.Text.RegularExpressions;

namespace Natak.Core.Pricing;

/// <summary>Catalogue section <c>character</c>: training bounds, quality levels and the reference images.</summary>
public sealed record CharacterSettings
{
    public required int NameMaxLength { get; init; }

    public required int MinImages { get; init; }

    public required int MaxImages { get; init; }

    public required int MinSteps { get; init; }

    public required int MaxSteps { get; init; }

    public required string DefaultQuality { get; init; }

    /// <summary>Quality name → training steps (<c>fast</c> 1000, <c>standard</c> 1500, <c>high</c> 2000).</summary>
    public required IReadOnlyDictionary<string, int> Quality { get; init; }

    public required Regex TriggerWordPattern { get; init; }

    public required ImageSize ReferenceSize { get; init; }

    /// <summary>One prompt per reference image; <c>{triggerWord}</c> is replaced by the character's trigger word.</summary>
    public required IReadOnlyList<string> ReferencePrompts { get; init; }
}
