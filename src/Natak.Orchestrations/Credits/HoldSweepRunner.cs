using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Natak.Tables.Credits;

namespace Natak.Orchestrations.Credits;

/// <summary>
/// One sweep of expired credit holds — the safety net for a job whose orchestration was lost. Both hosts call
/// this (a timer trigger in the Functions app, a background service in the dev host) with their Durable client;
/// the sweeper itself is the host's one <see cref="HoldSweeper"/>, so its table is checked once, not per sweep.
/// </summary>
public static class HoldSweepRunner
{
    public static Task<HoldSweepResult> RunAsync(IServiceProvider services, DurableTaskClient durable, CancellationToken cancellationToken) =>
        services.GetRequiredService<HoldSweeper>().SweepAsync(
            new DurableRunningJobProbe(durable), services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
}
