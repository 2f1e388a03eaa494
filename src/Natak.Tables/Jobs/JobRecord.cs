using Natak.Core.Jobs;

namespace Natak.Tables.Jobs;

/// <summary>
/// A job as its row in the <c>Jobs</c> table knows it — the job's read model: who owns it, what it is, when it was
/// created, and everything clients see of it as it runs (status, steps, credits, delivered outputs, result, error),
/// written by the starter and the job's activities as it changes.
/// </summary>
public sealed record JobRecord(
    string UserId,
    string JobId,
    JobKind Kind,
    JobStatus Status,
    string RequestHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The steps the plan runs in all (shared steps once, per-output steps once per output).</summary>
    public int TotalSteps { get; init; }

    public int OutputCount { get; init; } = 1;

    public JobCredits Credits { get; init; } = JobCredits.None;

    /// <summary>What each delivered output is charged (the quote's credits per output).</summary>
    public long CreditsPerOutput { get; init; }

    /// <summary>What the job as a whole waits for (<c>queue</c>: a free slot), when it waits.</summary>
    public string? WaitingFor { get; init; }

    /// <summary>Its admission-queue ticket while it waits for a slot.</summary>
    public long? QueueTicket { get; init; }

    public JobError? Error { get; init; }

    /// <summary>The final result (asset keys), set when the job ends.</summary>
    public string? ResultJson { get; init; }

    /// <summary>Every step that has started, in the order they last changed.</summary>
    public IReadOnlyList<JobStepState> Steps { get; init; } = [];

    /// <summary>Outputs delivered so far, by index.</summary>
    public IReadOnlyDictionary<int, string> Outputs { get; init; } = new Dictionary<int, string>();
}
