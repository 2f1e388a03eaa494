namespace Natak.Orchestrations.Pipelines;

/// <summary>One output of a batch: its final asset and the outputs of its steps, or why it failed.</summary>
public sealed record OutputResult(int Index, IReadOnlyDictionary<string, StepOutput> Steps, StepOutput? Final, StepFailure? Failure)
{
    public bool Succeeded => Final is not null;
}
