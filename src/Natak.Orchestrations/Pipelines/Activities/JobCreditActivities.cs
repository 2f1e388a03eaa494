using Microsoft.DurableTask;
using Natak.Core.Jobs;
using Natak.Orchestrations.Jobs;
using Natak.Orchestrations.Telemetry;
using Natak.Tables.Credits;
using Natak.Tables.Jobs;

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

public sealed record FinishJob(string UserId, string JobId, string OutputType, bool Reserved, long Capture, int Delivered, JobStatus Status,
    string? ResultJson = null, JobError? Error = null);

/// <summary>The job's last step: ends it through <see cref="JobSettlement"/> (credits, cost report, admission slot, the job's row).</summary>
public sealed class FinishJobActivity(JobSettlement settlement) : TaskActivity<FinishJob, JobCredits>
{
    public override async Task<JobCredits> RunAsync(TaskActivityContext context, FinishJob input)
    {
        ArgumentNullException.ThrowIfNull(input);
        JobTelemetry.Tag(input.JobId, input.UserId);
        var settled = await settlement.SettleAsync(new JobEnding(input.UserId, input.JobId, input.OutputType, input.Capture, input.Delivered, input.Status)
        {
            Reserved = input.Reserved,
            Error = input.Error,
            ResultJson = input.ResultJson,
        });
        return settled.Credits;
    }
}
