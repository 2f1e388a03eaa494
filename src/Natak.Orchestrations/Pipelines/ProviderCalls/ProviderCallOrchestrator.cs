using Microsoft.DurableTask;

namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>
/// The building block of every pipeline: submit one paid request (one activity, never retried) → wait for the
/// provider's webhook, or poll on durable timers with a growing interval until a deadline → copy the outputs
/// into R2 and record what they cost. When a provider fails transiently (throttled, unavailable, its circuit
/// open, or it accepted and then failed or timed out) the next provider of the step is tried — but only once
/// the first request is known to have ended, so two never generate at once: a request the provider reported as
/// failed has ended; one that timed out is cancelled and then confirmed ended by its status (and if it finished
/// after all, its output is used instead of generating again). A request that cannot be confirmed stopped, and
/// an ambiguous submit, are never sent elsewhere. The parent forwards a job cancellation as the
/// <see cref="CancelEvent"/>.
/// </summary>
public sealed class ProviderCallOrchestrator : TaskOrchestrator<ProviderCallInput, ProviderCallResult>
{
    public const string WebhookEvent = "provider-webhook";
    public const string CancelEvent = "cancel";

    public override Task<ProviderCallResult> RunAsync(TaskOrchestrationContext context, ProviderCallInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ProviderCallRun(context, input, context.CreateReplaySafeLogger<ProviderCallOrchestrator>()).ExecuteAsync();
    }
}
