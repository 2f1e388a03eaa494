namespace Natak.Core.Jobs;

/// <summary>
/// What every job orchestration publishes through <c>SetCustomStatus</c> (kept far below Durable's 16 KB limit):
/// the progress and the credit figures the jobs API shows while the job runs.
/// </summary>
public sealed record JobCustomStatus(JobProgress Progress, JobCredits Credits, string? Message = null);
