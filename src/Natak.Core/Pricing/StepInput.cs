using System.Globalization;

namespace Natak.Core.Pricing;

/// <summary>One input of a plan step: a literal, an earlier step's output, or a character's LoRA.</summary>
public sealed record StepInput
{
    public required StepInputSource Source { get; init; }

    /// <summary>A literal in invariant text (<c>5</c>, <c>true</c>, <c>1024x1024</c>, a URL), or the character id.</summary>
    public string? Value { get; init; }

    /// <summary>A literal list (the training photos).</summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>The id of the step whose output feeds this input.</summary>
    public string? Step { get; init; }

    public static StepInput Literal(string value) => new() { Source = StepInputSource.Literal, Value = value };

    public static StepInput Literal(long value) => Literal(value.ToString(CultureInfo.InvariantCulture));

    public static StepInput Literal(bool value) => Literal(value ? "true" : "false");

    public static StepInput List(IReadOnlyList<string> values) => new() { Source = StepInputSource.Literal, Values = values };

    public static StepInput FromStep(string stepId) => new() { Source = StepInputSource.StepOutput, Step = stepId };

    public static StepInput FromCharacter(string characterId) => new() { Source = StepInputSource.Character, Value = characterId };
}
