using Microsoft.Extensions.Logging;
using Natak.Assets;
using Natak.Core.Jobs;
using Natak.Orchestrations.Telemetry;
using Natak.Tables.Credits;
using Natak.Tables.Jobs;
using Natak.Tables.Spend;

namespace Natak.Orchestrations.Jobs;

/// <summary>
/// The one way a job ends, whoever ends it — the job's own last activity (<c>FinishJobActivity</c>, or the collect of a
/// one-output job's last step), the admission repair, or an admin who terminates a stuck job: capture what was
/// delivered (the rest of the hold released in the same ledger transaction), record the credits charged for the cost report, give up the job's admission slot, and write the job's final
/// state to its row (last, so a client that sees it ended sees its final credits). A failed or cancelled output is
/// never captured. Every part is idempotent.
/// </summary>
public sealed class JobSettlement(ICreditLedger ledger, JobIndex jobs, JobAdmission admission, SpendStore spend, IAssetStore assets, JobTelemetry telemetry,
    TimeProvider time, ILogger<JobSettlement> logger)
{
    public async Task<SettledJob> SettleAsync(JobEnding ending, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ending);
        var result = ending.Capture > 0
            ? await ledger.CaptureAsync(ending.UserId, ending.JobId, ending.Capture, $"capture:{ending.JobId}:job", ending.JobId, cancellationToken)
            : await ledger.ReleaseAsync(ending.UserId, ending.JobId, $"release:{ending.JobId}:job", cancellationToken);
        var credits = result switch
        {
            LedgerResult.Applied { Receipt: var receipt } => new JobCredits(receipt.Amount + receipt.Released, receipt.Amount, receipt.Released),

            // The hold had already ended another way (expired by the sweeper, settled before): what the ledger holds is the truth.
            LedgerResult.HoldConflict { Hold: var hold } => new JobCredits(hold.Amount, hold.Captured, hold.Amount - hold.Captured),

            // The job never held credits: nothing to settle.
            LedgerResult.HoldNotFound => JobCredits.None,
            _ => throw new InvalidOperationException($"Settling job {ending.JobId} failed: {result}"),
        };
        if (credits.Charged > 0)
        {
            // The revenue side of the cost report: credits charged, attributed to the output type.
            await spend.RecordAsync(new SpendRecord(ending.JobId, "charge", ending.UserId, ending.OutputType, "natak", ending.OutputType,
                ending.Delivered, SpendUnit.Requests, 0m, credits.Charged, time.GetUtcNow()), cancellationToken);
        }

        var next = await admission.LeaveAsync(ending.JobId, cancellationToken);
        JobRecord current;
        if (ending.Known is var (kind, createdAt))
        {
            current = new JobRecord(ending.UserId, ending.JobId, kind, JobStatus.Running, string.Empty, createdAt, createdAt);
        }
        else
        {
            current = await jobs.GetAsync(ending.UserId, ending.JobId, cancellationToken)
                ?? throw new InvalidOperationException($"Job {ending.JobId} is not in the index.");
            if (current.Status.IsTerminal())
            {
                // Once: a job ended twice keeps its first ending.
                return new SettledJob(credits, next);
            }
        }

        var at = time.GetUtcNow();
        await jobs.ApplyAsync(ending.UserId, ending.JobId, current.CreatedAt, new JobChange
        {
            At = at,
            Status = ending.Status,
            Credits = credits,
            Error = ending.Error,
            ResultJson = ending.ResultJson,
            Steps = ending.Steps,
            WaitingFor = string.Empty,
        }, cancellationToken);
        telemetry.JobFinished(current with { Status = ending.Status, UpdatedAt = at }, credits.Reserved, credits.Charged, credits.Refunded);
        return new SettledJob(credits, next);
    }

    /// <summary>
    /// Removes what a character job that did not succeed left in the character's folder (the training zip, a LoRA whose
    /// reference images failed). Best effort: a failure is logged and never blocks the job's end, whose credits are
    /// already settled. Safe to repeat.
    /// </summary>
    public async Task<int> DeleteCharacterFilesAsync(string userId, string characterId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await assets.DeleteByPrefixAsync(AssetKeys.CharacterPrefix(userId, characterId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logs.CharacterCleanupFailed(logger, ex, characterId);
            return 0;
        }
    }
}
