using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Natak.Core.Jobs;
using Natak.Core.Telemetry;
using Natak.Tables.Jobs;

namespace Natak.Orchestrations.Telemetry;

/// <summary>
/// What the durable activities report about jobs and steps: the meter <c>Natak.Orchestrations</c> (jobs finished by
/// kind and status, job and step durations), the one Information line per finished job, and the Natak attributes
/// on the current activity's span. Activities call it in a line or two; the orchestrators never do (replays).
/// </summary>
public sealed partial class JobTelemetry
{
    private static readonly Meter Meter = new(NatakTelemetryNames.Orchestrations);

    private static readonly Counter<long> Finished = Meter.CreateCounter<long>(
        "natak.jobs.finished", "{job}", "Jobs that reached a final status, by kind and status.");

    private static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>(
        "natak.job.duration", "s", "Order to final status, by kind and status.");

    private static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>(
        "natak.step.duration", "s", "Provider steps from submit to stored output, by provider and model.");

    private readonly ILogger<JobTelemetry> _logger;

    public JobTelemetry(ILogger<JobTelemetry> logger) => _logger = logger;

    /// <summary>Tags the running activity's span with the job, its owner and the step.</summary>
    public static void Tag(string jobId, string userId, string? step = null)
    {
        if (Activity.Current is { } span)
        {
            span.SetTag(NatakTelemetryNames.JobId, jobId);
            span.SetTag(NatakTelemetryNames.UserId, userId);
            span.SetTag(NatakTelemetryNames.Step, step);
        }
    }

    /// <summary>Tags the running activity's span with the provider request it handles.</summary>
    public static void TagProvider(string provider, string model, string? requestId, decimal? costUsd = null)
    {
        if (Activity.Current is { } span)
        {
            span.SetTag(NatakTelemetryNames.Provider, provider);
            span.SetTag(NatakTelemetryNames.Model, model);
            span.SetTag(NatakTelemetryNames.ProviderRequestId, requestId);
            span.SetTag(NatakTelemetryNames.CostUsd, costUsd is { } cost ? (double)cost : null);
        }
    }

    /// <summary>A provider step delivered its output <paramref name="elapsed"/> after it was submitted.</summary>
    public static void StepDelivered(string provider, string model, TimeSpan elapsed) =>
        StepDuration.Record(elapsed.TotalSeconds, new(NatakTelemetryNames.Provider, provider), new(NatakTelemetryNames.Model, model));

    /// <summary>
    /// A job reached <paramref name="job"/>'s final status (call it once, when the index took the status):
    /// counted, timed and logged with the credits it held, was charged and got back.
    /// </summary>
    public void JobFinished(JobRecord job, long held, long charged, long returned)
    {
        var kind = job.Kind.ToWire();
        var status = job.Status.ToWire();
        var duration = job.UpdatedAt - job.CreatedAt;
        Finished.Add(1, new(NatakTelemetryNames.JobKind, kind), new(NatakTelemetryNames.JobStatus, status));
        JobDuration.Record(duration.TotalSeconds, new(NatakTelemetryNames.JobKind, kind), new(NatakTelemetryNames.JobStatus, status));
        Activity.Current?.SetTag(NatakTelemetryNames.JobStatus, status);
        if (job.Status != JobStatus.Failed)
        {
            LogFinished(_logger, job.JobId, kind, status, duration.TotalSeconds, held, charged, returned);
        }
        else
        {
            LogEndedEarly(_logger, job.JobId, kind, status, duration.TotalSeconds, held, charged, returned);
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) {Status} in {DurationSeconds:F1} s: {Held} credits held, {Charged} charged, {Returned} given back")]
    private static partial void LogFinished(ILogger logger, string jobId, string kind, string status, double durationSeconds, long held, long charged, long returned);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) {Status} after {DurationSeconds:F1} s: {Held} credits held, {Charged} charged, {Returned} given back")]
    private static partial void LogEndedEarly(ILogger logger, string jobId, string kind, string status, double durationSeconds, long held, long charged, long returned);
}
