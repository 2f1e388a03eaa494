using Microsoft.DurableTask;

namespace Natak.Orchestrations.Pipelines;

/// <summary>The retry of activities that are safe to run again (store writes keyed by op, result fetches): 4 attempts, 2 s doubling.</summary>
internal static class PipelineRetry
{
    public static RetryPolicy Idempotent { get; } = new(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2);
}
