using Microsoft.DurableTask;

namespace Natak.Workflows.Pipelines.ProviderCalls;

/// <summary>
/// The building block of every pipeline: submit one paid request (one activity, never retried) → wait for the
/// provider's webhook, or poll on durable timers with a growing interval until a deadline → copy the outputs
/// into R2 and record what they cost. When a provider fails transiently (throttled, unavailable, its circuit
/// open, or it accepted and then failed or timed out) the next provider of the step is tried — after the first
/// has been told to cancel, so two never generate at once. An ambiguous submit is never sent elsewhere: the
/// first provider may be generating. The parent forwards a job cancellation as the <see cref="CancelEvent"/>.
/// </summary>
public sealed class ProviderCallOrchestrator : TaskOrchestrator<ProviderCallInput, ProviderCallResult>
{
    public const string WebhookEvent = "provider-webhook";
    public const string CancelEvent = "cancel";

    private static readonly RetryPolicy IdempotentRetry = new(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2);

    public override async Task<ProviderCallResult> RunAsync(TaskOrchestrationContext context, ProviderCallInput input)
    {
        // One waiter per event name for the whole run: an abandoned waiter would swallow the next delivery.
        var events = new EventWaiters(context);
        StepFailure? failure = null;
        foreach (var provider in input.Providers)
        {
            var submitted = await context.CallActivityAsync<SubmitOutcome>(nameof(SubmitProviderRequestActivity), new SubmitRequest(input, provider));
            if (submitted.Handle is not { } handle)
            {
                failure = submitted.Failure!;
                if (failure.Transient)
                {
                    continue;
                }

                break;
            }

            var waited = await WaitAsync(context, input.Wait, handle, events);
            if (waited == WaitResult.Cancelled)
            {
                await CancelAtProviderAsync(context, handle);
                return new ProviderCallResult(null, StepFailure.Cancelled, provider, 0);
            }

            if (waited is { Failure: { } waitFailure })
            {
                // Accepted then failed or timed out: make sure nothing is still generating there before moving on.
                await CancelAtProviderAsync(context, handle);
                failure = waitFailure;
                if (failure.Transient)
                {
                    continue;
                }

                break;
            }

            var collected = await context.CallActivityAsync<CollectOutcome>(nameof(CollectProviderOutputsActivity),
                new CollectRequest(input, handle), TaskOptions.FromRetryPolicy(IdempotentRetry));
            if (collected.Failure is { } collectFailure)
            {
                failure = collectFailure;
                if (failure.Transient)
                {
                    continue;
                }

                break;
            }

            return new ProviderCallResult(new StepOutput(input.StepKey, null, collected.Assets, collected.Seed), null, provider, collected.CostUsd);
        }

        return new ProviderCallResult(null, failure ?? new StepFailure("provider_unavailable", "No provider offers this step."), null, 0);
    }

    private static async Task<WaitResult> WaitAsync(TaskOrchestrationContext context, StepWait wait, ProviderHandle handle, EventWaiters events)
    {
        var deadline = context.CurrentUtcDateTime + wait.Deadline;
        var interval = wait.FirstPoll;

        // Bounded by the deadline: with a growing interval capped at MaxPoll, history stays small (a 30-minute
        // training wait with a 2-minute cap is ~20 polls).
        while (context.CurrentUtcDateTime < deadline)
        {
            var now = context.CurrentUtcDateTime;
            using var timerCancellation = new CancellationTokenSource();
            var fireAt = now + interval < deadline ? now + interval : deadline;
            var timer = context.CreateTimer(fireAt, timerCancellation.Token);
            var winner = await Task.WhenAny(events.Webhook, timer, events.Cancel);
            if (winner != timer)
            {
                timerCancellation.Cancel();
            }

            if (winner == events.Cancel)
            {
                return WaitResult.Cancelled;
            }

            if (winner == events.Webhook)
            {
                var delivery = events.TakeWebhook();
                if (!string.Equals(delivery.RequestId, handle.RequestId, StringComparison.Ordinal))
                {
                    // A late delivery for an earlier provider's request: not ours; keep waiting.
                    continue;
                }

                if (delivery.Succeeded)
                {
                    return WaitResult.Done;
                }

                // A webhook only says the request failed; the provider's status says why. A content-policy refusal
                // or an invalid input must be reported as such, and not sent on to the next provider.
                var status = await context.CallActivityAsync<PollOutcome>(nameof(PollProviderRequestActivity), handle);
                return WaitResult.Fail(status is { State: PollState.Failed, Failure: { } why }
                    ? why
                    : new StepFailure("provider_failed", Describe(handle, delivery.Error), Transient: true));
            }

            var poll = await context.CallActivityAsync<PollOutcome>(nameof(PollProviderRequestActivity), handle);
            switch (poll.State)
            {
                case PollState.Succeeded:
                    return WaitResult.Done;
                case PollState.Failed:
                    return WaitResult.Fail(poll.Failure ?? new StepFailure("provider_failed", Describe(handle, null), Transient: true));
                default:
                    interval = interval * 2 < wait.MaxPoll ? interval * 2 : wait.MaxPoll;
                    break;
            }
        }

        return WaitResult.Fail(new StepFailure("provider_timeout",
            $"{handle.Provider} did not finish within {wait.Deadline.TotalMinutes:0.#} minutes.", Transient: true));
    }

    private static Task CancelAtProviderAsync(TaskOrchestrationContext context, ProviderHandle handle) =>
        context.CallActivityAsync(nameof(CancelProviderRequestActivity), handle, TaskOptions.FromRetryPolicy(IdempotentRetry));

    private static string Describe(ProviderHandle handle, string? error) =>
        $"{handle.Provider} could not complete the request" + (string.IsNullOrWhiteSpace(error) ? "." : ": " + error);

    /// <summary>The run's event waiters; a consumed webhook waiter is replaced so the next delivery has one.</summary>
    private sealed class EventWaiters(TaskOrchestrationContext context)
    {
        public Task<string> Cancel { get; } = context.WaitForExternalEvent<string>(CancelEvent);

        public Task<ProviderWebhookEvent> Webhook { get; private set; } = context.WaitForExternalEvent<ProviderWebhookEvent>(WebhookEvent);

        public ProviderWebhookEvent TakeWebhook()
        {
            var delivered = Webhook.Result;
            Webhook = context.WaitForExternalEvent<ProviderWebhookEvent>(WebhookEvent);
            return delivered;
        }
    }

    private sealed record WaitResult(StepFailure? Failure, bool IsCancelled)
    {
        public static readonly WaitResult Done = new(null, false);
        public static readonly WaitResult Cancelled = new(null, true);

        public static WaitResult Fail(StepFailure failure) => new(failure, false);
    }
}
