using Microsoft.DurableTask.Client;
using Natak.Tables.Credits;

namespace Natak.Orchestrations.Credits;

/// <summary>A job is running while its orchestration exists and has not reached a terminal state.</summary>
public sealed class DurableRunningJobProbe(DurableTaskClient durable) : IRunningJobProbe
{
    public async Task<bool> IsRunningAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var instance = await durable.GetInstanceAsync(jobId, cancellationToken);
        return instance?.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;
    }
}
