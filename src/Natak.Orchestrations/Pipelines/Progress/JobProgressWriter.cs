using Natak.Tables.Jobs;

namespace Natak.Orchestrations.Pipelines.Progress;

/// <summary>Writes the notes activities carry to the job's rows (one request each).</summary>
public sealed class JobProgressWriter(JobIndex jobs)
{
    public Task WriteAsync(JobNote? note, CancellationToken cancellationToken = default) =>
        note is null ? Task.CompletedTask : jobs.ApplyAsync(note.UserId, note.JobId, note.CreatedAt, note.Written, cancellationToken);
}
