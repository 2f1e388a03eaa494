using Microsoft.DurableTask.Client;

namespace Natak.Orchestrations.Jobs;

/// <summary>
/// Purges the durable history (the task hub's History and Instances rows) of orchestration instances that ended and
/// were created longer than <see cref="JobHistoryOptions.HistoryRetention"/> ago. Every job stays readable: its
/// row and change events in the Jobs table are what the API reads.
/// </summary>
public static class HistoryPurge
{
    private static readonly OrchestrationRuntimeStatus[] Ended =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    public static async Task<int> RunAsync(DurableTaskClient durable, TimeSpan retention, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var result = await durable.PurgeAllInstancesAsync(new PurgeInstancesFilter(DateTimeOffset.UnixEpoch, now - retention, Ended), cancellationToken);
        return result.PurgedInstanceCount;
    }
}
