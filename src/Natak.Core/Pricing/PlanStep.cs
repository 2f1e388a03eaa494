namespace Natak.Core.Pricing;

/// <summary>
/// One step of a plan: what it is (<see cref="Kind"/>), which catalogue model and providers run it, with which
/// inputs, what part of the result it feeds, and what it is estimated to cost per execution.
/// </summary>
public sealed record PlanStep
{
    /// <summary>Who does the work Natak does itself (<see cref="StepKind.PackagePhotos"/>), as quote lines name it.</summary>
    public const string NatakProvider = "natak";

    /// <summary>Unique within the plan (<c>reference-2</c>); later steps refer to it. Same as <see cref="Name"/> unless a name repeats.</summary>
    public required string Id { get; init; }

    /// <summary>The step's label (one of <see cref="PlanStepNames"/>): progress, quote lines, idempotency keys. Nothing dispatches on it.</summary>
    public required string Name { get; init; }

    /// <summary>What running the step means; the orchestration dispatches on it.</summary>
    public required StepKind Kind { get; init; }

    /// <summary>The catalogue model that runs the step; <c>null</c> for Natak's own work (<see cref="StepKind.PackagePhotos"/>).</summary>
    public string? ModelKey { get; init; }

    /// <summary>
    /// What the catalogue model does (<see cref="ModelKey"/>'s kind): it decides how long the step may take, what its
    /// output files are and how its units are measured. <c>null</c> when no model runs the step.
    /// </summary>
    public ModelKind? ModelKind { get; init; }

    /// <summary>The endpoint variant (<see cref="EndpointVariants"/>).</summary>
    public string Variant { get; init; } = EndpointVariants.Default;

    /// <summary>The endpoints to try, in provider preference order: the first, then the next on failure or throttling. Empty for Natak's own work.</summary>
    public IReadOnlyList<ProviderEndpoint> Endpoints { get; init; } = [];

    /// <summary>The preferred provider (<c>fal</c>), or <see cref="NatakProvider"/>.</summary>
    public string Provider => Endpoints.Count > 0 ? Endpoints[0].Provider : NatakProvider;

    /// <summary>The preferred provider's model id, or the step's name for Natak's own work.</summary>
    public string ProviderModelId => Endpoints.Count > 0 ? Endpoints[0].ModelId : Name;

    /// <summary>Logical input name (<see cref="InputNames"/>) → value source.</summary>
    public required IReadOnlyDictionary<string, StepInput> Inputs { get; init; }

    /// <summary>True when the step runs once per output (fan-out); false when it runs once for the whole request.</summary>
    public required bool PerOutput { get; init; }

    /// <summary>Which part of the job's result the step's output is (<see cref="ResultPart.None"/>: it only feeds later steps).</summary>
    public ResultPart Result { get; init; }

    /// <summary>Estimated units of one execution.</summary>
    public required Units Units { get; init; }

    /// <summary>Estimated cost of one execution at the preferred provider.</summary>
    public required decimal UnitCostUsd { get; init; }
}
