using Microsoft.DurableTask;
using Natak.Core.Jobs;
using Natak.Orchestrations.Telemetry;
using Natak.Tables.Credits;
using Natak.Tables.Jobs;
using Natak.Tables.Spend;

namespace Natak.Orchestrations.Pipelines.Activities;

public sealed record ReserveJobCredits(string UserId, string JobId, long Amount, DateTimeOffset ExpiresUtc);

public sealed record ReserveOutcome(bool Reserved, long Required, long Available);

/// <summary>
/// The job's first step: hold its credits (one hold per job, id = job id, op key derived from it, so a replay
/// is a no-op) and mark the job running. A short balance fails the job before any paid call.
/// </summary>
public sealed class ReserveJobCreditsActivity(ICreditLedger ledger, JobIndex jobs, TimeProvider time) : TaskActivity<ReserveJobCredits, ReserveOutcome>
{
    public override async Task<ReserveOutcome> RunAsync(TaskActivityContext context, ReserveJobCredits input)
    {
        JobTelemetry.Tag(input.JobId, input.UserId);
        var result = await ledger.ReserveAsync(input.UserId, input.JobId, input.Amount, input.JobId, input.ExpiresUtc, $"hold:{input.JobId}:job");
        switch (result)
        {
            case LedgerResult.Applied:
                await jobs.UpdateStatusAsync(input.UserId, input.JobId, JobStatus.Running, time.GetUtcNow());
                return new ReserveOutcome(true, input.Amount, 0);
            case LedgerResult.InsufficientCredits insufficient:
                return new ReserveOutcome(false, insufficient.Required, insufficient.Available);
            default:
                throw new InvalidOperationException($"Reserving credits for job {input.JobId} failed: {result}");
        }
    }
}

public sealed record FinishJob(string UserId, string JobId, string OutputType, bool Reserved, long Capture, int Delivered, JobStatus Status);

/// <summary>
/// The job's last step: capture what was delivered (the rest of the hold is released in the same ledger
/// transaction), record the credits charged for the cost report, and store the final status in the index.
/// A failed or cancelled output is never captured.
/// </summary>
public sealed class FinishJobActivity(ICreditLedger ledger, JobIndex jobs, SpendStore spend, TimeProvider time, JobTelemetry telemetry) : TaskActivity<FinishJob, JobCredits>
{
    public override async Task<JobCredits> RunAsync(TaskActivityContext context, FinishJob input)
    {
        JobTelemetry.Tag(input.JobId, input.UserId);
        var credits = JobCredits.None;
        if (input.Reserved)
        {
            var result = input.Capture > 0
                ? await ledger.CaptureAsync(input.UserId, input.JobId, input.Capture, $"capture:{input.JobId}:job", input.JobId)
                : await ledger.ReleaseAsync(input.UserId, input.JobId, $"release:{input.JobId}:job");
            if (result is not (LedgerResult.Applied or LedgerResult.HoldConflict))
            {
                throw new InvalidOperationException($"Settling job {input.JobId} failed: {result}");
            }

            // Read back what the ledger holds: if the hold had already ended (e.g. expired by the sweeper), that is the truth.
            var hold = await ledger.GetHoldAsync(input.UserId, input.JobId)
                ?? throw new InvalidOperationException($"Job {input.JobId} has no hold to settle.");
            credits = new JobCredits(hold.Amount, hold.Captured, hold.Amount - hold.Captured);
            if (hold.Captured > 0)
            {
                // The revenue side of the cost report: credits charged, attributed to the output type.
                await spend.RecordAsync(new SpendRecord(input.JobId, "charge", input.UserId, input.OutputType, "natak", input.OutputType,
                    input.Delivered, SpendUnit.Requests, 0m, hold.Captured, time.GetUtcNow()));
            }
        }

        if (await jobs.UpdateStatusAsync(input.UserId, input.JobId, input.Status, time.GetUtcNow()) is { } finished)
        {
            telemetry.JobFinished(finished, credits.Reserved, credits.Charged, credits.Refunded);
        }

        return credits;
    }
}
