using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Natak.Core.Pricing;

/// <summary>Catalogue section <c>character</c>: training bounds, quality levels and the reference images.</summary>
public sealed record CharacterSettings
{
    [Range(1, 1000)]
    public required int NameMaxLength { get; init; }

    [Range(1, 1000)]
    public required int MinImages { get; init; }

    [Range(1, 1000)]
    public required int MaxImages { get; init; }

    [Range(1, 1_000_000)]
    public required int MinSteps { get; init; }

    [Range(1, 1_000_000)]
    public required int MaxSteps { get; init; }

    public required string DefaultQuality { get; init; }

    /// <summary>Quality name → training steps (<c>fast</c> 1000, <c>standard</c> 1500, <c>high</c> 2000).</summary>
    [MinLength(1)]
    [Range(1, 1_000_000)]
    public required IReadOnlyDictionary<string, int> Quality { get; init; }

    public required Regex TriggerWordPattern { get; init; }

    public required ImageSize ReferenceSize { get; init; }

    /// <summary>One prompt per reference image; <c>{triggerWord}</c> is replaced by the character's trigger word.</summary>
    [MinLength(1)]
    public required IReadOnlyList<string> ReferencePrompts { get; init; }
}
