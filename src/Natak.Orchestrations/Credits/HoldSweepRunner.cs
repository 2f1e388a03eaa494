using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natak.Orchestrations.Jobs;
using Natak.Tables.Credits;

namespace Natak.Orchestrations.Credits;

/// <summary>
/// One round of housekeeping: a sweep of expired credit holds — the safety net for a job whose orchestration was
/// lost — then the purge of ended jobs' durable history older than <c>Jobs:HistoryRetention</c>. Both hosts call
/// this (a timer trigger in the Functions app, a background service in the dev host) with their Durable client.
/// </summary>
public static class HoldSweepRunner
{
    public static async Task<HoldSweepResult> RunAsync(IServiceProvider services, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HoldSweepRunner));
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var sweeper = ActivatorUtilities.CreateInstance<HoldSweeper>(services, new DurableRunningJobProbe(durable));
        var result = await sweeper.SweepAsync(now, cancellationToken);
        Logs.HoldSweep(logger, result.ToString());

        // After the sweep: a lost job's hold is released while its instance still says it ended.
        var retention = services.GetRequiredService<IOptions<JobHistoryOptions>>().Value.HistoryRetention;
        var purged = await HistoryPurge.RunAsync(durable, retention, now, cancellationToken);
        Logs.HistoryPurged(logger, purged, retention);
        return result;
    }
}
