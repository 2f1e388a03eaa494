using Natak.Core.Pricing;

namespace Natak.Orchestrations.Pipelines;

/// <summary>
/// One step of a job's plan as the orchestration carries it: the catalogue model and variant, the providers to
/// try in order, and where each logical input comes from. Fixed when the job is ordered (what was quoted is what
/// runs); provider request bodies are built from the catalogue in the submitting activity.
/// </summary>
public sealed record PipelineStepSpec(
    string Id,
    string Name,
    string ModelKey,
    string Variant,
    bool PerOutput,
    IReadOnlyList<string> Providers,
    IReadOnlyDictionary<string, StepInputSpec> Inputs)
{
    public static PipelineStepSpec From(PlanStep step) => new(
        step.Id,
        step.Name,
        step.ModelKey,
        step.Variant,
        step.PerOutput,
        [.. step.Endpoints.Select(e => e.Provider)],
        step.Inputs.ToDictionary(p => p.Key, p => StepInputSpec.From(p.Value), StringComparer.Ordinal));
}

/// <summary>Where a logical input's value comes from: a literal (or list), an earlier step's output, or the character's LoRA.</summary>
public sealed record StepInputSpec(StepInputSource Source, string? Value, IReadOnlyList<string>? Values, string? Step)
{
    public static StepInputSpec From(StepInput input) => new(input.Source, input.Value, input.Values, input.Step);
}
