using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Natak.Orchestrations.Credits;

namespace Natak.Functions;

/// <summary>Every five minutes: release the credit holds of jobs whose orchestration no longer runs (the dev host runs the same sweep as a background service).</summary>
public sealed class HoldSweepFunction(IServiceProvider services)
{
    [Function(nameof(HoldSweep))]
    public Task HoldSweep([TimerTrigger("0 */5 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        HoldSweepRunner.RunAsync(services, durable, cancellationToken);
}
