using Natak.Tables.Jobs;

namespace Natak.Orchestrations.Pipelines.Progress;

/// <summary>
/// A change to a job's row, decided by the orchestration (deterministically, at its current time) and written by the
/// activity that carries it, so progress costs no activity of its own.
/// </summary>
public sealed record JobNote(string UserId, string JobId, DateTimeOffset CreatedAt, JobChange Change)
{
    /// <summary>The note's only step, changed (an activity's own finding: refused, waiting for storage, failed).</summary>
    public JobNote WithStep(Func<JobStepState, JobStepState> change, DateTimeOffset at) => this with
    {
        Change = Change with { At = at, Steps = [.. Change.Steps.Select(change)] },
    };
}
