namespace Natak.Orchestrations.Jobs;

/// <summary>
/// How long the durable history of an ended job is kept (section <c>Jobs</c>, <c>Jobs:HistoryRetention</c>, 7 days):
/// the Jobs table is the jobs' read model, so older terminal orchestration instances are purged (<see cref="HistoryPurge"/>).
/// </summary>
public sealed class JobHistoryOptions
{
    public const string SectionName = "Jobs";

    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(7);
}
