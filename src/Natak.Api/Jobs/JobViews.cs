using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Natak.Core.Jobs;
using Natak.Tables.Jobs;

namespace Natak.Api.Jobs;

/// <summary>
/// Composes the API's job resource from the job's row, which the job writes as it runs (status, steps, credits,
/// delivered outputs, result, error). The orchestration is consulted only for what the row cannot know: that it
/// stopped unexpectedly (failed or was terminated) without writing its end.
/// </summary>
public static class JobViews
{
    public static JobView Compose(JobRecord record, OrchestrationMetadata? instance)
    {
        ArgumentNullException.ThrowIfNull(record);
        var latest = record.Steps.Count > 0 ? record.Steps[^1] : null;
        var done = record.Steps.Count(s => s.State == JobStepState.Done);
        var progress = latest is null ? null : new JobProgress(latest.Key, done, record.TotalSteps);
        if (!record.Status.IsTerminal() && instance?.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
        {
            var terminated = instance.RuntimeStatus == OrchestrationRuntimeStatus.Terminated;
            return new JobView(record.JobId, record.Kind, terminated ? JobStatus.Cancelled : JobStatus.Failed, progress, record.Credits, null,
                terminated ? new JobError("cancelled", "The job was cancelled.")
                    : new JobError("internal_error", "The job stopped unexpectedly; no further credits will be charged for it."),
                record.CreatedAt, instance.LastUpdatedAt > record.UpdatedAt ? instance.LastUpdatedAt : record.UpdatedAt);
        }

        return new JobView(record.JobId, record.Kind, record.Status, progress, record.Credits, Result(record), record.Error, record.CreatedAt, record.UpdatedAt);
    }

    /// <summary>The final result once the job ended; before that, a batch's images delivered so far.</summary>
    private static JsonObject? Result(JobRecord record)
    {
        if (record.ResultJson is { } json)
        {
            return JsonNode.Parse(json) as JsonObject;
        }

        return record.Outputs.Count == 0 || record.Kind != JobKind.Image
            ? null
            : new JsonObject { ["prompt"] = null, ["images"] = new JsonArray([.. record.Outputs.Values.Select(o => JsonNode.Parse(o))]) };
    }
}
