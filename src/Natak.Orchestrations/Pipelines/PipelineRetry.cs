using Microsoft.DurableTask;

namespace Natak.Orchestrations.Pipelines;

/// <summary>The retry of activities that are safe to run again (store writes keyed by op, result fetches): 4 attempts, 2 s doubling.</summary>
internal static class PipelineRetry
{
    public static RetryPolicy Idempotent { get; } = new(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2);

    /// <summary>
    /// The retry of store writes a job cannot do without (settling its credits, its character's files): waits growing
    /// to a minute, for about an hour, so an R2 or table blip delays the job instead of failing it.
    /// </summary>
    public static RetryPolicy Store { get; } = new(maxNumberOfAttempts: 70, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromMinutes(1), retryTimeout: TimeSpan.FromHours(1));
}
