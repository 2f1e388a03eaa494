namespace Natak.Core.Pricing;

/// <summary>
/// One provider call of a plan (or the accounting-only <see cref="PlanStepNames.Storage"/> step): what runs, on which
/// model and providers, with which inputs, and what it is estimated to cost per execution.
/// </summary>
public sealed record PlanStep
{
    /// <summary>Unique within the plan (<c>reference-2</c>); later steps refer to it. Same as <see cref="Name"/> unless a name repeats.</summary>
    public required string Id { get; init; }

    /// <summary>What the step does: one of <see cref="PlanStepNames"/>.</summary>
    public required string Name { get; init; }

    public required string ModelKey { get; init; }

    /// <summary>The endpoint variant (<see cref="EndpointVariants"/>).</summary>
    public required string Variant { get; init; }

    /// <summary>The endpoints to try, in provider preference order: the first, then the next on failure or throttling.</summary>
    public required IReadOnlyList<ProviderEndpoint> Endpoints { get; init; }

    /// <summary>The preferred provider (<c>fal</c>).</summary>
    public string Provider => Endpoints[0].Provider;

    /// <summary>The preferred provider's model id.</summary>
    public string ProviderModelId => Endpoints[0].ModelId;

    /// <summary>Logical input name (<see cref="InputNames"/>) → value source.</summary>
    public required IReadOnlyDictionary<string, StepInput> Inputs { get; init; }

    /// <summary>True when the step runs once per output (fan-out); false when it runs once for the whole request.</summary>
    public required bool PerOutput { get; init; }

    /// <summary>Estimated units of one execution.</summary>
    public required Units Units { get; init; }

    /// <summary>Estimated cost of one execution at the preferred provider.</summary>
    public required decimal UnitCostUsd { get; init; }
}
