using Natak.Core.Jobs;

namespace Natak.Orchestrations.Pipelines;

/// <summary>
/// Why a step did not deliver, as data an orchestration can branch on (activities return it rather than throw,
/// so the code survives serialization). <see cref="Transient"/>: another provider may succeed. <see cref="Refused"/>:
/// the provider turned the request away before creating anything (throttled, shedding load), so sending it again
/// cannot bill twice; <see cref="RetryAfter"/> is when the provider said to come back.
/// </summary>
public sealed record StepFailure(string Code, string Message, bool Transient = false)
{
    public static StepFailure Cancelled { get; } = new("cancelled", "The job was cancelled.");

    public bool Refused { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// Refused without an answer from the provider (its circuit is open, or no connection could be made): it is down
    /// rather than busy, so a step with another provider fails over at once instead of waiting for this one.
    /// </summary>
    public bool Unreachable { get; init; }

    /// <summary>Copying outputs into R2 (or reading the provider's files) failed for now; the outputs are still at the provider.</summary>
    public const string StorageUnavailable = "storage_unavailable";

    public JobError ToJobError() => new(Code, Message);
}
