using Microsoft.DurableTask;
using Natak.Core.Jobs;
using Natak.Orchestrations.Jobs;
using Natak.Orchestrations.Telemetry;
using Natak.Tables.Credits;
using Natak.Tables.Jobs;

namespace Natak.Orchestrations.Pipelines.Activities;

/// <summary>
/// How a job ends: captured <paramref name="Capture"/> credits for <paramref name="Delivered"/> outputs (the rest of the
/// hold released), its status, result (asset keys) and error, and the steps whose state the end writes to its row (those
/// that failed, and those done whose note the orchestration held back).
/// </summary>
public sealed record FinishJob(
    string UserId,
    string JobId,
    JobKind Kind,
    DateTimeOffset CreatedAt,
    string OutputType,
    long Capture,
    int Delivered,
    JobStatus Status,
    string? ResultJson,
    JobError? Error,
    IReadOnlyList<JobStepState> Steps);

/// <summary>What the ledger holds for the job now, and the job that got its slot (to be woken), if one waited.</summary>
public sealed record FinishedJob(JobCredits Credits, string? NextJobId);

/// <summary>
/// The job's last step: capture what was delivered (the rest of the hold is released in the same ledger
/// transaction), record the credits charged for the cost report, hand the job's slot to the oldest waiting job, and
/// write the job's final state to its row (last, so a client that sees it ended sees its final credits). A failed
/// or cancelled output is never captured. Every part is idempotent, so the activity retries.
/// </summary>
public sealed class FinishJobActivity(JobSettlement settlement) : TaskActivity<FinishJob, FinishedJob>
{
    public override async Task<FinishedJob> RunAsync(TaskActivityContext context, FinishJob input)
    {
        ArgumentNullException.ThrowIfNull(input);
        JobTelemetry.Tag(input.JobId, input.UserId);
        var settled = await settlement.SettleAsync(new JobEnding(input.UserId, input.JobId, input.OutputType, input.Capture, input.Delivered, input.Status)
        {
            Error = input.Error,
            ResultJson = input.ResultJson,
            Steps = input.Steps,
            Known = (input.Kind, input.CreatedAt),
        });
        return new FinishedJob(settled.Credits, settled.NextJobId);
    }
}
