using Microsoft.DurableTask.Client;
using Natak.Core.Jobs;
using Natak.Tables.Jobs;

namespace Natak.Api.Jobs;

/// <summary>Composes the API's job resource from the index row (ownership, kind, creation) and the orchestration (everything live).</summary>
public static class JobViews
{
    public static JobView Compose(JobRecord record, OrchestrationMetadata? instance)
    {
        if (instance is null)
        {
            // Registered but not (yet) scheduled: the starter schedules right after registering.
            return new JobView(record.JobId, record.Kind, record.Status, null, JobCredits.None, null, null, record.CreatedAt, record.UpdatedAt);
        }

        var updatedAt = instance.LastUpdatedAt > record.UpdatedAt ? instance.LastUpdatedAt : record.UpdatedAt;
        switch (instance.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Completed:
                var outcome = instance.ReadOutputAs<JobOutcome>()
                    ?? throw new InvalidOperationException($"Job {record.JobId} completed without an outcome.");
                var last = instance.ReadCustomStatusAs<JobCustomStatus>();
                return new JobView(record.JobId, record.Kind, outcome.Status, last?.Progress, outcome.Credits, outcome.Result, outcome.Error, record.CreatedAt, updatedAt);

            case OrchestrationRuntimeStatus.Failed:
                var failedStatus = instance.ReadCustomStatusAs<JobCustomStatus>();
                return new JobView(record.JobId, record.Kind, JobStatus.Failed, failedStatus?.Progress, failedStatus?.Credits ?? JobCredits.None, null,
                    new JobError("internal_error", "The job stopped unexpectedly; no further credits will be charged for it."), record.CreatedAt, updatedAt);

            case OrchestrationRuntimeStatus.Terminated:
                var terminated = instance.ReadCustomStatusAs<JobCustomStatus>();
                return new JobView(record.JobId, record.Kind, JobStatus.Cancelled, terminated?.Progress, terminated?.Credits ?? JobCredits.None, null,
                    new JobError("cancelled", "The job was cancelled."), record.CreatedAt, updatedAt);

            case OrchestrationRuntimeStatus.Pending:
                return new JobView(record.JobId, record.Kind, JobStatus.Queued, null, JobCredits.None, null, null, record.CreatedAt, updatedAt);

            default:
                var custom = instance.ReadCustomStatusAs<JobCustomStatus>();
                var status = custom is null ? JobStatus.Queued : JobStatus.Running;
                return new JobView(record.JobId, record.Kind, status, custom?.Progress, custom?.Credits ?? JobCredits.None, null, null, record.CreatedAt, updatedAt);
        }
    }
}
