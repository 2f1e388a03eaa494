using Natak.Core.Jobs;

namespace Natak.Tables.Jobs;

/// <summary>
/// One change to a running job, written to its rows in one request: any job-level fact that changed, the new state
/// of the steps it touches and at most one delivered output. Unset members are left as they are, so changes from parallel
/// outputs of a batch never overwrite each other.
/// </summary>
public sealed record JobChange
{
    public required DateTimeOffset At { get; init; }

    public JobStatus? Status { get; init; }

    public JobCredits? Credits { get; init; }

    public JobError? Error { get; init; }

    /// <summary>The job's final result (asset keys, not URLs), as JSON.</summary>
    public string? ResultJson { get; init; }

    public IReadOnlyList<JobStepState> Steps { get; init; } = [];

    /// <summary>What the job as a whole waits for (<c>queue</c> while it waits for a free slot), or an empty string to clear it.</summary>
    public string? WaitingFor { get; init; }

    /// <summary>Its place in the admission queue (a ticket; jobs ahead = tickets not yet admitted below it).</summary>
    public long? QueueTicket { get; init; }

    /// <summary>One delivered output of a batch (index from 0, its result entry as JSON), shown before the batch ends.</summary>
    public JobOutputItem? Output { get; init; }
}
