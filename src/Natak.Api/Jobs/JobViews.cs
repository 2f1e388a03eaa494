using System.Globalization;
using System.Text.Json.Nodes;
using Natak.Core.Jobs;
using Natak.Tables.Jobs;

namespace Natak.Api.Jobs;

/// <summary>
/// The API's job resource, composed from the job's row alone (the read model the job's activities write): one pure
/// function, so a read, a page and every event of the live stream show a job the same way. The result holds asset
/// keys; the caller presigns them (<see cref="ResultUrls"/>).
/// </summary>
public static class JobViews
{
    /// <summary>The job as clients see it.</summary>
    /// <param name="record">The job's row (or the job after one of its changes).</param>
    /// <param name="ahead">Jobs ahead of it in the admission queue, when it waits for a slot and the queue was asked.</param>
    public static JobView Compose(JobRecord record, int? ahead = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new JobView(record.JobId, record.Kind, record.Status, Progress(record, ahead), record.Credits, Result(record), record.Error,
            record.CreatedAt, record.UpdatedAt);
    }

    private static JobProgress Progress(JobRecord record, int? ahead)
    {
        var latest = record.Steps.Count > 0 ? record.Steps[^1] : null;
        var done = record.Steps.Count(s => s.State == JobStepState.Done);
        var total = Math.Max(record.TotalSteps, record.Steps.Count);
        var inQueue = record.Status == JobStatus.Queued && (record.WaitingFor == "queue" || record.QueueTicket is not null);
        var stepWaiting = record.Steps.LastOrDefault(s => s.State == JobStepState.Waiting && s.WaitingFor is not null);
        var providerQueue = record.Steps.LastOrDefault(s => s.State is JobStepState.Running or JobStepState.Waiting && s.QueuePosition is not null);
        return new JobProgress(latest?.Key, done, total)
        {
            Label = Label(record, latest, inQueue, ahead),
            Percent = record.Status == JobStatus.Succeeded ? 100 : total == 0 ? 0 : Math.Min(99, done * 100 / total),
            QueuePosition = record.Status.IsTerminal() ? null : inQueue ? ahead : providerQueue?.QueuePosition,
            WaitingFor = record.Status.IsTerminal() ? null : record.WaitingFor ?? stepWaiting?.WaitingFor,
        };
    }

    private static string Label(JobRecord record, JobStepState? latest, bool inQueue, int? ahead) => record.Status switch
    {
        JobStatus.Succeeded => "Done",
        JobStatus.Failed => "Failed",
        JobStatus.Cancelled => "Cancelled",
        JobStatus.Queued when inQueue => ahead is { } n
            ? string.Create(CultureInfo.InvariantCulture, $"Waiting for a free slot ({n} ahead)")
            : "Waiting for a free slot",
        JobStatus.Queued => "Waiting to start",
        _ => latest?.Label ?? "Starting",
    };

    /// <summary>The final result once the job ended; before that, an image job's images delivered so far (in order).</summary>
    private static JsonObject? Result(JobRecord record)
    {
        if (record.Status.IsTerminal() || record.ResultJson is not null)
        {
            return record.ResultJson is { } json ? JsonNode.Parse(json) as JsonObject : null;
        }

        if (record.Kind != JobKind.Image || record.Outputs.Count == 0)
        {
            return null;
        }

        var images = new JsonArray();
        foreach (var (_, output) in record.Outputs.OrderBy(o => o.Key))
        {
            images.Add(JsonNode.Parse(output));
        }

        return new JsonObject { ["prompt"] = null, ["images"] = images };
    }
}
