using Natak.Core.Pricing;

namespace Natak.Orchestrations.Pipelines;

/// <summary>
/// One step of a job's plan as the orchestration carries it: what it is (<see cref="Kind"/>, <see cref="ModelKind"/>,
/// <see cref="Result"/>), the catalogue model and variant, the providers to try in order, and where each logical
/// input comes from. Fixed when the job is ordered (what was quoted is what runs); provider request bodies are built
/// from the catalogue in the submitting activity.
/// </summary>
public sealed record PipelineStepSpec
{
    /// <summary>The step's id in the plan; with the output number it makes the step key (<c>generate-3</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The step's label (progress, logs); nothing dispatches on it.</summary>
    public required string Name { get; init; }

    public required StepKind Kind { get; init; }

    /// <summary>The catalogue model; <c>null</c> for Natak's own work.</summary>
    public string? ModelKey { get; init; }

    /// <summary>What the model does: how long the step may wait, what its files are, how its units are measured.</summary>
    public ModelKind? ModelKind { get; init; }

    public string Variant { get; init; } = EndpointVariants.Default;

    public bool PerOutput { get; init; }

    /// <summary>The providers to try, in order.</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];

    public required IReadOnlyDictionary<string, StepInputSpec> Inputs { get; init; }

    /// <summary>Which part of the job's result the step's output is.</summary>
    public ResultPart Result { get; init; }

    /// <summary>The catalogue's estimated cost of one run at the first provider.</summary>
    public decimal EstimatedCostUsd { get; init; }

    public static PipelineStepSpec From(PlanStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new PipelineStepSpec
        {
            Id = step.Id,
            Name = step.Name,
            Kind = step.Kind,
            ModelKey = step.ModelKey,
            ModelKind = step.ModelKind,
            Variant = step.Variant,
            PerOutput = step.PerOutput,
            Providers = [.. step.Endpoints.Select(e => e.Provider)],
            Inputs = step.Inputs.ToDictionary(p => p.Key, p => StepInputSpec.From(p.Value), StringComparer.Ordinal),
            Result = step.Result,
            EstimatedCostUsd = step.UnitCostUsd,
        };
    }
}
