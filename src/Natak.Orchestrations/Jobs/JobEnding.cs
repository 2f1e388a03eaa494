using Natak.Core.Jobs;

namespace Natak.Orchestrations.Jobs;

/// <summary>
/// How a job ends: <see cref="Capture"/> credits for <see cref="Delivered"/> outputs (the rest of the hold is released),
/// the status it ends in, and what its row shows (error, result with asset keys).
/// </summary>
public sealed record JobEnding(string UserId, string JobId, string OutputType, long Capture, int Delivered, JobStatus Status)
{
    /// <summary>False when the job never held credits (it failed for a short balance first): nothing to settle.</summary>
    public bool Reserved { get; init; } = true;

    public JobError? Error { get; init; }

    /// <summary>The final result, asset keys not URLs, as JSON.</summary>
    public string? ResultJson { get; init; }
}
