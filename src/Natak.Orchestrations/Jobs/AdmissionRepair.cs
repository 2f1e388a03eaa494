using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natak.Core.Jobs;
using Natak.Orchestrations.Pipelines;
using Natak.Tables.Jobs;

namespace Natak.Orchestrations.Jobs;

/// <summary>
/// The housekeeping timer's repair of the admission queue. A slot is given back only by the job's own last activity
/// (or an admin's terminate), so a job whose orchestration stopped without it — failed unexpectedly, terminated from
/// outside Natak, or never scheduled after its start crashed — would hold its slot for ever and every job behind it
/// would wait. Each job that has held a slot longer than <see cref="JobAdmissionOptions.RepairAfter"/> is looked at:
/// one whose orchestration has stopped is ended through <see cref="JobSettlement"/> (delivered outputs captured, the
/// rest released, failed or cancelled) and its slot handed on; one still queued on a slot it was handed (the wake-up
/// was lost) is woken again. Old places of jobs that left are forgotten.
/// </summary>
public sealed class AdmissionRepair(JobAdmission admission, JobIndex jobs, JobLookup lookup, JobSettlement settlement,
    IOptions<JobAdmissionOptions> options, TimeProvider time, ILogger<AdmissionRepair> logger)
{
    private static readonly TimeSpan ForgetLeftAfter = TimeSpan.FromDays(1);

    /// <summary>Returns how many jobs it ended or woke.</summary>
    public async Task<int> RunAsync(DurableTaskClient durable, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var now = time.GetUtcNow();
        var repaired = 0;
        foreach (var jobId in await admission.HoldersAsync(now - options.Value.RepairAfter, cancellationToken))
        {
            var instance = await durable.GetInstanceAsync(jobId, getInputsAndOutputs: true, cancellationToken);
            var input = instance?.ReadInputAs<PipelineJobInput>();
            if (instance?.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended)
            {
                if (input is not null && await jobs.GetAsync(input.UserId, jobId, cancellationToken) is { Status: JobStatus.Queued })
                {
                    // Its slot was handed to it but the wake-up never arrived: raise it again (a job already awake ignores it).
                    await durable.RaiseEventAsync(jobId, JobEvents.Admitted, "repair", cancellationToken);
                    Logs.AdmissionWokenAgain(logger, jobId);
                    repaired++;
                }

                continue;
            }

            var record = (input is null ? null : await jobs.GetAsync(input.UserId, jobId, cancellationToken))
                ?? await lookup.FindAsync(jobId, cancellationToken);
            string? next;
            if (record is null)
            {
                next = await admission.LeaveAsync(jobId, cancellationToken);
            }
            else
            {
                var terminated = instance?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated;
                var delivered = record.Status.IsTerminal() ? 0 : record.Outputs.Count;
                var settled = await settlement.SettleAsync(
                    new JobEnding(record.UserId, jobId, input?.OutputType ?? record.Kind.ToWire(), delivered * record.CreditsPerOutput, delivered,
                        terminated ? JobStatus.Cancelled : JobStatus.Failed)
                    {
                        Error = terminated
                            ? new JobError("cancelled", "The job was stopped.")
                            : new JobError("internal_error", "The job stopped unexpectedly; only what it delivered is charged."),
                    },
                    cancellationToken);
                next = settled.NextJobId;
            }

            Logs.AdmissionSlotRecovered(logger, jobId, instance?.RuntimeStatus.ToString() ?? "missing");
            if (next is not null)
            {
                await durable.RaiseEventAsync(next, JobEvents.Admitted, jobId, cancellationToken);
            }

            repaired++;
        }

        await admission.ForgetLeftAsync(now - ForgetLeftAfter, cancellationToken);
        return repaired;
    }
}
