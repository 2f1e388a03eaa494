using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>A queued fal request or WaveSpeed task. Mutable state is changed only under <see cref="JobQueue"/>'s lock.</summary>
internal sealed class SimJob
{
    public required string Id { get; init; }

    public required SimulatorProvider Provider { get; init; }

    public required ModelSpec Model { get; init; }

    /// <summary>Derived from the API key (a hash prefix); the key itself is never kept.</summary>
    public required string AccountId { get; init; }

    public required JsonObject Input { get; init; }

    public required MediaPlan Plan { get; init; }

    /// <summary>Base URL for the URLs this job hands out (no trailing slash).</summary>
    public required string BaseUrl { get; init; }

    public string? WebhookUrl { get; init; }

    /// <summary>A job-level fault chosen at submit (<see cref="FaultKind.CompletedWithError"/>, <see cref="FaultKind.Failed"/>).</summary>
    public FaultRule? InjectedFault { get; init; }

    /// <summary>WaveSpeed moderates while generating: the task is accepted and then fails.</summary>
    public bool Blocked { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>fal's <c>X-Fal-Request-Timeout</c>: processing must start before this or the request fails with a user timeout.</summary>
    public DateTimeOffset? StartDeadline { get; init; }

    public JobState State { get; set; } = JobState.Queued;

    /// <summary>Holds one of its account's concurrency slots.</summary>
    public bool HasSlot { get; set; }

    public bool CancelRequested { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public JobOutcome? Outcome { get; set; }

    public List<JobLogEntry> Logs { get; } = [];

    public CancellationTokenSource Cancellation { get; } = new();

    public (SimulatorProvider, string) Lane => (Provider, AccountId);

    public string UrlOf(StoredFile file) => BaseUrl + "/" + file.Path;
}

internal enum JobState
{
    Queued,
    InProgress,
    Completed,
}

internal sealed record JobLogEntry(string Message, string Level, DateTimeOffset Timestamp);
