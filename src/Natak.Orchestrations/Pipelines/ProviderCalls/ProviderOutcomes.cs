using Natak.Orchestrations.Pipelines.Activities;
using Natak.Orchestrations.Pipelines.Progress;
using Natak.Tables.Jobs;

namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>The submit activity's answer: a handle, or why nothing (or possibly something) was started.</summary>
public sealed record SubmitOutcome(ProviderHandle? Handle, StepFailure? Failure);

/// <summary>Where a request stands after one status poll.</summary>
public enum PollState
{
    Pending,
    Succeeded,
    Failed,
}

public sealed record PollOutcome(PollState State, StepFailure? Failure);

/// <summary>
/// The outputs copied into R2, measured, and what they cost us; <see cref="Settled"/> when the collect also ended the
/// job (<see cref="CollectRequest.Settle"/>).
/// </summary>
public sealed record CollectOutcome(IReadOnlyList<AssetRef> Assets, long? Seed, decimal CostUsd, StepFailure? Failure)
{
    public FinishedJob? Settled { get; init; }
}

/// <summary>
/// The job's end, handed to the collect of a one-output job's last step: once it has stored the output, the same
/// activity settles the job as <see cref="FinishJobActivity"/> would (captured, its row final, its slot handed on),
/// which saves the job an activity and an orchestration episode. The result is built from <see cref="Job"/>'s plan,
/// the outputs before this step (<see cref="Available"/>, by step id) and this step's output (<see cref="StepId"/>);
/// <see cref="Steps"/> are the step states the end writes.
/// </summary>
public sealed record SettleWithOutput(PipelineJobInput Job, string StepId, IReadOnlyDictionary<string, StepOutput> Available, IReadOnlyList<JobStepState> Steps);

/// <summary>What a provider call delivered (or why not), and which provider delivered it.</summary>
public sealed record ProviderCallResult(StepOutput? Output, StepFailure? Failure, string? Provider, decimal CostUsd)
{
    /// <summary>The step's done state, not yet written (<see cref="ProviderStepContext.DeferDone"/>).</summary>
    public JobStepState? DoneStep { get; init; }

    /// <summary>The job's end, when the step's collect settled it (<see cref="ProviderStepContext.Settle"/>).</summary>
    public FinishedJob? Settled { get; init; }

    public bool Succeeded => Output is not null;
}

/// <summary>A verified webhook delivery, as raised to the job's orchestration (event <c>webhook:{stepKey}</c>).</summary>
public sealed record ProviderWebhookEvent(string Provider, string RequestId, bool Succeeded, string? Error);

/// <summary>
/// Collect a finished request: <see cref="Note"/> is the step's "done" note to write once stored, <see cref="Via"/> how
/// its end was learnt; on the <see cref="LastAttempt"/> a storage failure records the spend as paid but undelivered.
/// </summary>
public sealed record CollectRequest(ProviderCallInput Call, ProviderHandle Handle, JobNote? Note = null, string Via = "poll", bool LastAttempt = false)
{
    /// <summary>The step's note for "waiting for storage" when <see cref="Note"/> is held back by the orchestration.</summary>
    public JobNote? WaitingNote { get; init; }

    /// <summary>Settle the job once the output is stored (the last step of a one-output job).</summary>
    public SettleWithOutput? Settle { get; init; }
}

/// <summary>Submit the step to <see cref="Provider"/>: attempt <see cref="Attempt"/> of the step (refusals count), after <see cref="FailedOverFrom"/> failed.</summary>
public sealed record SubmitRequest(ProviderCallInput Call, string Provider, JobNote? Note = null, int Attempt = 1, string? FailedOverFrom = null);
