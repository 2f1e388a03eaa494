using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Natak.Tables.Credits;

namespace Natak.Orchestrations.Credits;

/// <summary>
/// One sweep of expired credit holds — the safety net for a job whose orchestration was lost. Both hosts call
/// this (a timer trigger in the Functions app, a background service in the dev host) with their Durable client.
/// </summary>
public static class HoldSweepRunner
{
    public static async Task<HoldSweepResult> RunAsync(IServiceProvider services, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var sweeper = ActivatorUtilities.CreateInstance<HoldSweeper>(services, new DurableRunningJobProbe(durable));
        var result = await sweeper.SweepAsync(services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
        Logs.HoldSweep(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HoldSweepRunner)), result.ToString());
        return result;
    }
}
