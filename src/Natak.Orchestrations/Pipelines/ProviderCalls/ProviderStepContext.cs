using Natak.Orchestrations.Pipelines.Progress;

namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>
/// What a provider step takes from the job it runs in: the job's cancel (and how to note it), the progress notes its
/// activities write (running, done), and how long refused submits and storage outages are ridden out. With
/// <see cref="DeferDone"/> the collect writes no "done" note: the step's done state is returned for the job's next
/// write (the next step's running note, or the job's end), one write fewer per step.
/// </summary>
internal sealed record ProviderStepContext(
    Task<string> Cancel,
    Func<bool> CancelArrived,
    JobNote Running,
    JobNote Done,
    TimeSpan SubmitRetryWindow,
    TimeSpan StorageRetryWindow,
    TimeSpan RetryUnit)
{
    public bool DeferDone { get; init; }

    /// <summary>The job's end, for the collect to settle once the output is stored (the last step of a one-output job).</summary>
    public SettleWithOutput? Settle { get; init; }
}
