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

    /// <summary>Status checks after a cancel before a timed-out request counts as still running.</summary>
    private const int StopConfirmationPolls = 3;

    public override async Task<ProviderCallResult> RunAsync(TaskOrchestrationContext context, ProviderCallInput input)
    {
        // One waiter per event name for the whole run: an abandoned waiter would swallow the next delivery.
        var events = new EventWaiters(context);
        StepFailure? failure = null;
        foreach (var provider in input.Providers)
        {
            if (events.Cancel.IsCompleted)
            {
                // cancelled while the last provider was tried or stopped: never start another paid request
                return new ProviderCallResult(null, StepFailure.Cancelled, null, 0);
            }

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
            if (waited.IsCancelled)
            {
                await TryCancelAtProviderAsync(context, handle);
                return new ProviderCallResult(null, StepFailure.Cancelled, provider, 0);
            }

            if (waited.Failure is { } waitFailure)
            {
                failure = waitFailure;
                var stop = waited.Ended ? StopResult.Stopped : await StopAsync(context, input.Wait, handle);
                if (stop == StopResult.StillRunning)
                {
                    failure = new StepFailure(waitFailure.Code,
                        $"{waitFailure.Message} The request could not be confirmed stopped at {handle.Provider}, so it was not sent to another provider.");
                    break;
                }

                if (stop == StopResult.Stopped)
                {
                    if (failure.Transient)
                    {
                        continue;
                    }

                    break;
                }
            }

            var collected = await context.CallActivityAsync<CollectOutcome>(nameof(CollectProviderOutputsActivity),
                new CollectRequest(input, handle), TaskOptions.FromRetryPolicy(PipelineRetry.Idempotent));
            if (collected.Failure is { } collectFailure)
            {
                // The provider finished (and billed) this request; generating it again elsewhere would bill twice.
                // A transient fetch error was already retried by the activity's policy.
                failure = collectFailure;
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

                // The webhook says only that it failed; the status says why (a moderation refusal must not be
                // sent to another provider, a crashed runner may be).
                var status = await context.CallActivityAsync<PollOutcome>(nameof(PollProviderRequestActivity), handle);
                return WaitResult.Fail(status is { State: PollState.Failed, Failure: { } classified }
                    ? classified
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

        return WaitResult.TimedOut(new StepFailure("provider_timeout",
            $"{handle.Provider} did not finish within {wait.Deadline.TotalMinutes:0.#} minutes.", Transient: true));
    }

    /// <summary>
    /// Cancels a request that timed out and checks its status until it has ended: stopped (cancelled or failed),
    /// delivered after all, or — when the provider cannot cancel or cannot be reached — still running.
    /// </summary>
    private static async Task<StopResult> StopAsync(TaskOrchestrationContext context, StepWait wait, ProviderHandle handle)
    {
        await TryCancelAtProviderAsync(context, handle);
        for (var check = 1; check <= StopConfirmationPolls; check++)
        {
            var poll = await context.CallActivityAsync<PollOutcome>(nameof(PollProviderRequestActivity), handle);
            switch (poll.State)
            {
                case PollState.Succeeded:
                    return StopResult.Delivered;
                case PollState.Failed:
                    return StopResult.Stopped;
            }

            if (check < StopConfirmationPolls)
            {
                await context.CreateTimer(context.CurrentUtcDateTime + wait.FirstPoll, CancellationToken.None);
            }
        }

        return StopResult.StillRunning;
    }

    /// <summary>Asks the provider to cancel; an unreachable provider does not fail the step (the caller decides what an unconfirmed stop means).</summary>
    private static async Task TryCancelAtProviderAsync(TaskOrchestrationContext context, ProviderHandle handle)
    {
        try
        {
            await context.CallActivityAsync(nameof(CancelProviderRequestActivity), handle, TaskOptions.FromRetryPolicy(PipelineRetry.Idempotent));
        }
        catch (TaskFailedException)
        {
            // Retries exhausted (provider down, circuit open): the request's status decides what happens next.
        }
    }

    private static string Describe(ProviderHandle handle, string? error) =>
        $"{handle.Provider} could not complete the request" + (string.IsNullOrWhiteSpace(error) ? "." : ": " + error);

    private enum StopResult
    {
        Stopped,
        Delivered,
        StillRunning,
    }

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

    /// <param name="Failure">Why the request did not deliver.</param>
    /// <param name="IsCancelled">The job was cancelled while waiting.</param>
    /// <param name="Ended">The provider reported the request finished (failed); false when it timed out and may still run.</param>
    private sealed record WaitResult(StepFailure? Failure, bool IsCancelled, bool Ended)
    {
        public static readonly WaitResult Done = new(null, false, true);
        public static readonly WaitResult Cancelled = new(null, true, false);

        public static WaitResult Fail(StepFailure failure) => new(failure, false, true);

        public static WaitResult TimedOut(StepFailure failure) => new(failure, false, false);
    }
}
