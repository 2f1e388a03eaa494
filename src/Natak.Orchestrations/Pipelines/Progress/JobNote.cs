using Natak.Tables.Jobs;

namespace Natak.Orchestrations.Pipelines.Progress;

/// <summary>
/// A change to a job's row, decided by the orchestration (deterministically, at its current time) and written by the
/// activity that carries it, so progress costs no activity of its own.
/// </summary>
public sealed record JobNote(string UserId, string JobId, DateTimeOffset CreatedAt, JobChange Change)
{
    /// <summary>
    /// Earlier steps' "done" states the orchestration held back to write with this note (a step followed at once by
    /// another needs no write of its own); <see cref="WithStep"/> leaves them alone.
    /// </summary>
    public IReadOnlyList<JobStepState> Earlier { get; init; } = [];

    /// <summary>The change as written: the earlier steps' states first, then the note's own.</summary>
    public JobChange Written => Earlier.Count == 0 ? Change : Change with { Steps = [.. Earlier, .. Change.Steps] };

    /// <summary>The note's only step, changed (an activity's own finding: refused, waiting for storage, failed).</summary>
    public JobNote WithStep(Func<JobStepState, JobStepState> change, DateTimeOffset at) => this with
    {
        Change = Change with { At = at, Steps = [.. Change.Steps.Select(change)] },
    };
}
