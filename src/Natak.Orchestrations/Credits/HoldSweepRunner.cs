using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natak.Orchestrations.Jobs;
using Natak.Tables.Credits;

namespace Natak.Orchestrations.Credits;

/// <summary>
/// One round of housekeeping: a sweep of expired credit holds — the safety net for a job whose orchestration was
/// lost — the repair of the admission queue (<see cref="AdmissionRepair"/>), then the purge of ended jobs' durable history older than <c>Jobs:HistoryRetention</c>. Both hosts call
/// this (a timer trigger in the Functions app, a background service in the dev host) with their Durable client;
/// the sweeper itself is the host's one <see cref="HoldSweeper"/>, so its table is checked once, not per sweep.
/// </summary>
public static class HoldSweepRunner
{
    public static async Task<HoldSweepResult> RunAsync(IServiceProvider services, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var result = await services.GetRequiredService<HoldSweeper>().SweepAsync(new DurableRunningJobProbe(durable), now, cancellationToken);

        // Slots of jobs whose orchestration stopped without giving them back, and lost wake-ups.
        await services.GetRequiredService<AdmissionRepair>().RunAsync(durable, cancellationToken);

        // After the sweep: a lost job's hold is released while its instance still says it ended.
        var retention = services.GetRequiredService<IOptions<JobHistoryOptions>>().Value.HistoryRetention;
        var purged = await HistoryPurge.RunAsync(durable, retention, now, cancellationToken);
        if (purged > 0)
        {
            Logs.HistoryPurged(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HoldSweepRunner)), purged, retention);
        }

        return result;
    }
}
