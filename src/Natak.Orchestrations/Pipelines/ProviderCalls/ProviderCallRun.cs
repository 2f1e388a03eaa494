using System.Diagnostics.CodeAnalysis;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Natak.Providers;

namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>The state of one run of <see cref="ProviderCallOrchestrator"/>. Orchestrator code: deterministic, replayed from history.</summary>
[SuppressMessage("Orchestration", "DURABLE0010", Justification = "The only logger is the context's replay-safe one, made in "
    + nameof(ProviderCallOrchestrator) + ".RunAsync; the analyzer does not follow constructor arguments.")]
internal sealed class ProviderCallRun(TaskOrchestrationContext context, ProviderCallInput input, ILogger log)
{
    /// <summary>Status checks after a cancel before a timed-out request counts as still running.</summary>
    private const int StopConfirmationPolls = 3;

    // One waiter per event name for the whole run: an abandoned waiter would swallow the next delivery.
    private readonly EventWaiters _events = new(context);

    public async Task<ProviderCallResult> ExecuteAsync()
    {
        StepFailure? failure = null;
        for (var attempt = 0; attempt < input.Providers.Count; attempt++)
        {
            var provider = input.Providers[attempt];
            if (_events.Cancel.IsCompleted)
            {
                // cancelled while the last provider was tried or stopped: never start another paid request
                return new ProviderCallResult(null, StepFailure.Cancelled, null, 0);
            }

            var submitted = await context.CallActivityAsync<SubmitOutcome>(nameof(SubmitProviderRequestActivity), new SubmitRequest(input, provider));
            if (submitted.Handle is not { } handle)
            {
                failure = submitted.Failure!;
                if (MayFailOver(provider, failure, attempt))
                {
                    continue;
                }

                break;
            }

            Logs.RequestAccepted(log, input.JobId, input.StepKey, handle.Provider, handle.RequestId);
            var waited = await WaitAsync(handle);
            if (waited.IsCancelled)
            {
                Logs.CallCancelReceived(log, input.JobId, input.StepKey, handle.Provider, handle.RequestId);
                await TryCancelAtProviderAsync(handle);
                return new ProviderCallResult(null, StepFailure.Cancelled, provider, 0);
            }

            if (waited.Failure is { } waitFailure)
            {
                failure = waitFailure;
                var stop = waited.Ended ? StopResult.Stopped : await StopAsync(handle);
                if (stop == StopResult.StillRunning)
                {
                    failure = new StepFailure(waitFailure.Code,
                        $"{waitFailure.Message} The request could not be confirmed stopped at {handle.Provider}, so it was not sent to another provider.");
                    Logs.NotFailingOver(log, input.JobId, input.StepKey, provider, failure.Code, "its request could not be confirmed stopped");
                    break;
                }

                if (stop == StopResult.Stopped)
                {
                    if (MayFailOver(provider, failure, attempt))
                    {
                        continue;
                    }

                    break;
                }

                // Delivered after all: its output is used rather than generating again elsewhere.
            }

            var collected = await context.CallActivityAsync<CollectOutcome>(nameof(CollectProviderOutputsActivity),
                new CollectRequest(input, handle), TaskOptions.FromRetryPolicy(PipelineRetry.Idempotent));
            if (collected.Failure is { } collectFailure)
            {
                // The provider finished (and billed) this request; generating it again elsewhere would bill twice.
                // A transient fetch error was already retried by the activity's policy.
                failure = collectFailure;
                Logs.NotFailingOver(log, input.JobId, input.StepKey, provider, failure.Code, "it finished the request, whose output could not be stored");
                break;
            }

            Logs.Collected(log, input.JobId, input.StepKey, collected.Assets.Count, provider, collected.CostUsd);
            return new ProviderCallResult(new StepOutput(input.StepKey, null, collected.Assets, collected.Seed), null, provider, collected.CostUsd);
        }

        return new ProviderCallResult(null, failure ?? new StepFailure("provider_unavailable", "No provider offers this step."), null, 0);
    }

    /// <summary>
    /// Whether the request that failed at <paramref name="provider"/> (and is known to have ended) goes to the next
    /// provider: only a transient failure, and only if there is one. The decision is logged either way.
    /// </summary>
    private bool MayFailOver(string provider, StepFailure failure, int attempt)
    {
        string? reason = null;
        if (failure.Code == ProviderErrorCodes.AmbiguousSubmit)
        {
            reason = "the submit may have reached it and may be generating";
        }
        else if (!failure.Transient)
        {
            reason = "another provider would refuse or fail it the same way";
        }
        else if (attempt + 1 >= input.Providers.Count)
        {
            reason = "no other provider offers the step";
        }

        if (reason is not null)
        {
            Logs.NotFailingOver(log, input.JobId, input.StepKey, provider, failure.Code, reason);
            return false;
        }

        Logs.FailingOver(log, input.JobId, input.StepKey, provider, failure.Code, input.Providers[attempt + 1]);
        return true;
    }

    private async Task<WaitResult> WaitAsync(ProviderHandle handle)
    {
        var wait = input.Wait;
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
            var winner = await Task.WhenAny(_events.Webhook, timer, _events.Cancel);
            if (winner != timer)
            {
                timerCancellation.Cancel();
            }

            if (winner == _events.Cancel)
            {
                return WaitResult.Cancelled;
            }

            if (winner == _events.Webhook)
            {
                var delivery = _events.TakeWebhook();
                if (!string.Equals(delivery.RequestId, handle.RequestId, StringComparison.Ordinal))
                {
                    // A late delivery for an earlier provider's request: not ours; keep waiting.
                    Logs.ForeignWebhookIgnored(log, input.JobId, input.StepKey, delivery.RequestId, handle.RequestId);
                    continue;
                }

                if (delivery.Succeeded)
                {
                    Logs.RequestState(log, input.JobId, input.StepKey, handle.Provider, handle.RequestId, PollState.Succeeded, "webhook");
                    return WaitResult.Done;
                }

                // The webhook says only that it failed; the status says why (a moderation refusal must not be
                // sent to another provider, a crashed runner may be).
                var status = await context.CallActivityAsync<PollOutcome>(nameof(PollProviderRequestActivity), handle);
                Logs.RequestState(log, input.JobId, input.StepKey, handle.Provider, handle.RequestId, PollState.Failed, "webhook");
                return WaitResult.Fail(status is { State: PollState.Failed, Failure: { } classified }
                    ? classified
                    : new StepFailure("provider_failed", Describe(handle, delivery.Error), Transient: true));
            }

            var poll = await context.CallActivityAsync<PollOutcome>(nameof(PollProviderRequestActivity), handle);
            Logs.RequestState(log, input.JobId, input.StepKey, handle.Provider, handle.RequestId, poll.State, "poll");
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

        Logs.DeadlineHit(log, input.JobId, input.StepKey, handle.Provider, handle.RequestId, wait.Deadline);
        return WaitResult.TimedOut(new StepFailure("provider_timeout",
            $"{handle.Provider} did not finish within {wait.Deadline.TotalMinutes:0.#} minutes.", Transient: true));
    }

    /// <summary>
    /// Cancels a request that timed out and checks its status until it has ended: stopped (cancelled or failed),
    /// delivered after all, or — when the provider cannot cancel or cannot be reached — still running.
    /// </summary>
    private async Task<StopResult> StopAsync(ProviderHandle handle)
    {
        await TryCancelAtProviderAsync(handle);
        var result = StopResult.StillRunning;
        for (var check = 1; check <= StopConfirmationPolls && result == StopResult.StillRunning; check++)
        {
            var poll = await context.CallActivityAsync<PollOutcome>(nameof(PollProviderRequestActivity), handle);
            result = poll.State switch
            {
                PollState.Succeeded => StopResult.Delivered,
                PollState.Failed => StopResult.Stopped,
                _ => StopResult.StillRunning,
            };
            if (result == StopResult.StillRunning && check < StopConfirmationPolls)
            {
                await context.CreateTimer(context.CurrentUtcDateTime + input.Wait.FirstPoll, CancellationToken.None);
            }
        }

        Logs.StopChecked(log, input.JobId, input.StepKey, handle.Provider, handle.RequestId, result switch
        {
            StopResult.Stopped => "stopped",
            StopResult.Delivered => "finished after all; its output is used",
            _ => "still running",
        });
        return result;
    }

    /// <summary>Asks the provider to cancel; an unreachable provider does not fail the step (the caller decides what an unconfirmed stop means).</summary>
    private async Task TryCancelAtProviderAsync(ProviderHandle handle)
    {
        try
        {
            await context.CallActivityAsync(nameof(CancelProviderRequestActivity), handle, TaskOptions.FromRetryPolicy(PipelineRetry.Idempotent));
        }
        catch (TaskFailedException)
        {
            // Retries exhausted (provider down, circuit open): the request's status decides what happens next.
            Logs.CancelAtProviderFailed(log, input.JobId, input.StepKey, handle.Provider, handle.RequestId);
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
        public Task<string> Cancel { get; } = context.WaitForExternalEvent<string>(ProviderCallOrchestrator.CancelEvent);

        public Task<ProviderWebhookEvent> Webhook { get; private set; } = context.WaitForExternalEvent<ProviderWebhookEvent>(ProviderCallOrchestrator.WebhookEvent);

        public ProviderWebhookEvent TakeWebhook()
        {
            var delivered = Webhook.Result;
            Webhook = context.WaitForExternalEvent<ProviderWebhookEvent>(ProviderCallOrchestrator.WebhookEvent);
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
