using System.Text.Json.Nodes;

namespace Natak.Core.Jobs;

/// <summary>
/// The output of every job orchestration. Failures the pipeline understands (a provider error, a refused
/// prompt, a cancellation) end the orchestration normally with a failed or cancelled outcome; only a bug
/// makes an orchestration itself fail. <see cref="Result"/> holds asset <em>keys</em>, never URLs: the jobs
/// API presigns them on every read.
/// </summary>
public sealed record JobOutcome(JobStatus Status, JsonObject? Result, JobError? Error, JobCredits Credits)
{
    public static JobOutcome Succeeded(JsonObject result, JobCredits credits) => new(JobStatus.Succeeded, result, null, credits);

    public static JobOutcome Failed(JobError error, JobCredits credits, JsonObject? partialResult = null) =>
        new(JobStatus.Failed, partialResult, error, credits);

    public static JobOutcome Cancelled(JobCredits credits) =>
        new(JobStatus.Cancelled, null, new JobError("cancelled", "The job was cancelled."), credits);
}
