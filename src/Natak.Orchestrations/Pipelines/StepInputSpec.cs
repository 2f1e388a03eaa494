using Natak.Core.Pricing;

namespace Natak.Orchestrations.Pipelines;

/// <summary>Where a logical input's value comes from: a literal (or list), an earlier step's output, or the character's LoRA.</summary>
public sealed record StepInputSpec(StepInputSource Source, string? Value, IReadOnlyList<string>? Values, string? Step)
{
    public static StepInputSpec From(StepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new(input.Source, input.Value, input.Values, input.Step);
    }
}
