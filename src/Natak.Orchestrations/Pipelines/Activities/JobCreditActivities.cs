using Microsoft.DurableTask;
using Natak.Core.Jobs;
using Natak.Orchestrations.Telemetry;
using Natak.Tables.Credits;
using Natak.Tables.Jobs;
using Natak.Tables.Spend;

namespace Natak.Orchestrations.Pipelines.Activities;

/// <summary>
/// How a job ends: captured <paramref name="Capture"/> credits for <paramref name="Delivered"/> outputs (the rest of the
/// hold released), its status, result (asset keys) and error, and the steps that failed — for its row.
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
    IReadOnlyList<JobStepState> FailedSteps);

/// <summary>What the ledger holds for the job now, and the job that got its slot (to be woken), if one waited.</summary>
public sealed record FinishedJob(JobCredits Credits, string? NextJobId);

/// <summary>
/// The job's last step: capture what was delivered (the rest of the hold is released in the same ledger
/// transaction), record the credits charged for the cost report, hand the job's slot to the oldest waiting job, and
/// write the job's final state to its row (last, so a client that sees it ended sees its final credits). A failed
/// or cancelled output is never captured. Every part is idempotent, so the activity retries.
/// </summary>
public sealed class FinishJobActivity(ICreditLedger ledger, JobIndex jobs, JobAdmission admission, SpendStore spend, TimeProvider time, JobTelemetry telemetry) : TaskActivity<FinishJob, FinishedJob>
{
    public override async Task<FinishedJob> RunAsync(TaskActivityContext context, FinishJob input)
    {
        JobTelemetry.Tag(input.JobId, input.UserId);
        var settled = input.Capture > 0
            ? await ledger.CaptureAsync(input.UserId, input.JobId, input.Capture, $"capture:{input.JobId}:job", input.JobId)
            : await ledger.ReleaseAsync(input.UserId, input.JobId, $"release:{input.JobId}:job");
        JobCredits credits;
        switch (settled)
        {
            case LedgerResult.Applied { Receipt: var receipt }:
                credits = new JobCredits(receipt.Amount + receipt.Released, receipt.Amount, receipt.Released);
                break;
            case LedgerResult.HoldConflict:
                // The hold had already ended another way (expired by the sweeper): what the ledger holds is the truth.
                var hold = await ledger.GetHoldAsync(input.UserId, input.JobId)
                    ?? throw new InvalidOperationException($"Job {input.JobId} has no hold to settle.");
                credits = new JobCredits(hold.Amount, hold.Captured, hold.Amount - hold.Captured);
                break;
            default:
                throw new InvalidOperationException($"Settling job {input.JobId} failed: {settled}");
        }

        var now = time.GetUtcNow();
        if (credits.Charged > 0)
        {
            // The revenue side of the cost report: credits charged, attributed to the output type.
            await spend.RecordAsync(new SpendRecord(input.JobId, "charge", input.UserId, input.OutputType, "natak", input.OutputType,
                input.Delivered, SpendUnit.Requests, 0m, credits.Charged, now));
        }

        var next = await admission.LeaveAsync(input.JobId);
        await jobs.ApplyAsync(input.UserId, input.JobId, input.CreatedAt, new JobChange
        {
            At = now,
            Status = input.Status,
            Credits = credits,
            Error = input.Error,
            ResultJson = input.ResultJson,
            Steps = input.FailedSteps,
            WaitingFor = string.Empty,
        });
        telemetry.JobFinished(new JobRecord(input.UserId, input.JobId, input.Kind, input.Status, string.Empty, input.CreatedAt, now), credits.Reserved, credits.Charged, credits.Refunded);
        return new FinishedJob(credits, next);
    }
}
