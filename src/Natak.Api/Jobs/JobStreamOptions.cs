namespace Natak.Api.Jobs;

/// <summary>
/// Settings of the live progress stream <c>GET /api/jobs/{jobId}/events</c> (section <c>Jobs:Events</c>): how often
/// it looks for new changes when this process did not write them, how soon a quiet stream sends a heartbeat, and how
/// long one request may stay open (the client resumes with <c>Last-Event-ID</c>).
/// </summary>
public sealed class JobStreamOptions
{
    public const string SectionName = "Jobs:Events";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(10);
}
