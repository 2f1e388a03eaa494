using Natak.Core.Jobs;
using Natak.Tables.Jobs;

namespace Natak.Orchestrations.Jobs;

/// <summary>
/// How a job ends: <see cref="Capture"/> credits for <see cref="Delivered"/> outputs (the rest of the hold is released),
/// the status it ends in, and what its row shows (error, result with asset keys).
/// </summary>
public sealed record JobEnding(string UserId, string JobId, string OutputType, long Capture, int Delivered, JobStatus Status)
{
    public JobError? Error { get; init; }

    /// <summary>The final result, asset keys not URLs, as JSON.</summary>
    public string? ResultJson { get; init; }

    /// <summary>The steps whose state the row still has to learn (those that failed).</summary>
    public IReadOnlyList<JobStepState> Steps { get; init; } = [];

    /// <summary>
    /// The job's own orchestration knows its row (kind, creation time) and is the only writer of its end, so the row is
    /// written without reading it first. Null (an admin ending a job from outside): the row is read, and a job that has
    /// already ended is left as it was.
    /// </summary>
    public (JobKind Kind, DateTimeOffset CreatedAt)? Known { get; init; }
}
