using System.Diagnostics.CodeAnalysis;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Natak.Orchestrations.Jobs;
using Natak.Providers;
using Natak.Tables.Jobs;

namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>
/// One paid provider step, run inside the job's orchestration (no orchestration of its own: that would cost a
/// start and a completion message and their history per step). Submit one paid request (one activity, never
/// retried once it may have reached the provider) → wait for the provider's webhook (raised to the job as
/// <see cref="JobEvents.Webhook"/>), or poll on durable timers with a growing interval until a deadline → copy the
/// outputs into R2 and record what they cost.
/// <para>A submit the provider refused before creating anything (429, or 503) is sent again to the same provider
/// after a jittered back-off honouring its Retry-After, within <see cref="ProviderStepContext.SubmitRetryWindow"/>.
/// When a provider fails transiently (throttled past that window, unavailable, its circuit open, or it accepted and
/// then failed or timed out) the next provider of the step is tried — but only once the first request is known to
/// have ended, so two never generate at once: a request the provider reported as failed has ended; one that timed
/// out is cancelled and then confirmed ended by its status (and if it finished after all, its output is used instead
/// of generating again). A request that cannot be confirmed stopped, and an ambiguous submit, are never sent
/// elsewhere. A finished request whose outputs cannot be stored yet (R2 or the provider's files unreachable) is
/// stored later: the copy keeps trying on durable timers within <see cref="ProviderStepContext.StorageRetryWindow"/>,
/// because the provider keeps its outputs for days and it was paid for.</para>
/// </summary>
[SuppressMessage("Orchestration", "DURABLE0010", Justification = "The only logger is the context's replay-safe one, made in "
    + nameof(PipelineOrchestrator) + ".RunAsync; the analyzer does not follow constructor arguments.")]
internal sealed class ProviderStep(TaskOrchestrationContext context, ProviderCallInput input, ProviderStepContext job, ILogger log)
{
    /// <summary>Status checks after a cancel before a timed-out request counts as still running.</summary>
    private const int StopConfirmationPolls = 3;

    /// <summary>
    /// Refused submits wait at most 30 units (30 s); storage retries start at 2 units and grow to 30, so an output
    /// is stored at most ~30 s after R2 is back (with a 60-unit ceiling a 60 s outage cost the burst benchmark's jobs
    /// 60 s more), at ~120 tries in the default hour.
    /// </summary>
    private const int MaxSubmitBackoffUnits = 30;
    private const int FirstStorageWaitUnits = 2;
    private const int MaxStorageWaitUnits = 30;

    // One waiter for the step's webhooks at a time: an abandoned waiter would swallow the next delivery.
    private Task<ProviderWebhookEvent> _webhook = context.WaitForExternalEvent<ProviderWebhookEvent>(JobEvents.Webhook(input.StepKey));
    private int _attempts;

    public async Task<ProviderCallResult> ExecuteAsync()
    {
        StepFailure? failure = null;
        string? failedAt = null;
        for (var next = 0; next < input.Providers.Count; next++)
        {
            var provider = input.Providers[next];
            if (job.CancelArrived())
            {
                // cancelled while the last provider was tried or stopped: never start another paid request
                return new ProviderCallResult(null, StepFailure.Cancelled, null, 0);
            }

            var submitted = await SubmitAsync(provider, failedAt, hasAlternative: next + 1 < input.Providers.Count);
            if (submitted.Handle is not { } handle)
            {
                failure = submitted.Failure!;
                if (failure == StepFailure.Cancelled)
                {
                    return new ProviderCallResult(null, failure, null, 0);
                }

                if (MayFailOver(provider, failure, next))
                {
                    failedAt = provider;
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
                    if (MayFailOver(provider, failure, next))
                    {
                        failedAt = provider;
                        continue;
                    }

                    break;
                }

                // Delivered after all: its output is used rather than generating again elsewhere.
            }

            var collected = await CollectAsync(handle, waited.Via);
            if (collected.Failure is { } collectFailure)
            {
                // The provider finished (and billed) this request; generating it again elsewhere would bill twice.
                failure = collectFailure;
                Logs.NotFailingOver(log, input.JobId, input.StepKey, provider, failure.Code, "it finished the request, whose output could not be stored");
                break;
            }

            Logs.Collected(log, input.JobId, input.StepKey, collected.Assets.Count, provider, collected.CostUsd);
            return new ProviderCallResult(new StepOutput(input.StepKey, null, collected.Assets, collected.Seed), null, provider, collected.CostUsd)
            {
                // What the collect would have written, for the job's next write.
                DoneStep = job.DeferDone ? DoneState(handle, waited.Via) : null,
                Settled = collected.Settled,
            };
        }

        return new ProviderCallResult(null, failure ?? new StepFailure("provider_unavailable", "No provider offers this step."), null, 0);
    }

    /// <summary>
    /// Submits to <paramref name="provider"/>; a refusal (nothing created) is tried again at the same provider after a
    /// jittered back-off that honours Retry-After, until the retry window (within the step's deadline) runs out. A
    /// provider that could not be reached at all (circuit open, no connection) is not waited for when another can do
    /// the step.
    /// </summary>
    private async Task<SubmitOutcome> SubmitAsync(string provider, string? failedAt, bool hasAlternative)
    {
        var window = input.Wait.Deadline < job.SubmitRetryWindow ? input.Wait.Deadline : job.SubmitRetryWindow;
        var giveUpAt = context.CurrentUtcDateTime + window;
        for (var refusals = 0; ; refusals++)
        {
            _attempts++;
            var outcome = await context.CallActivityAsync<SubmitOutcome>(nameof(SubmitProviderRequestActivity),
                new SubmitRequest(input, provider, job.Running, _attempts, failedAt));
            if (outcome.Handle is not null || outcome.Failure is not { Refused: true } refused || (refused.Unreachable && hasAlternative))
            {
                return outcome;
            }

            var wait = Backoff(refusals, refused.RetryAfter);
            if (context.CurrentUtcDateTime + wait > giveUpAt)
            {
                Logs.RefusalsOutlastedWindow(log, input.JobId, input.StepKey, provider, refusals + 1, window);
                return outcome;
            }

            Logs.SubmitRefusedWaiting(log, input.JobId, input.StepKey, provider, refused.Code, wait);
            using var timerCancellation = new CancellationTokenSource();
            var timer = context.CreateTimer(context.CurrentUtcDateTime + wait, timerCancellation.Token);
            if (await Task.WhenAny(timer, job.Cancel) != timer)
            {
                timerCancellation.Cancel();
                job.CancelArrived();
                return new SubmitOutcome(null, StepFailure.Cancelled);
            }
        }
    }

    /// <summary>
    /// Full-jitter exponential back-off (one retry unit doubling, at most 30 units), never sooner than the provider's
    /// Retry-After, in whole units (a second: durable timers' resolution on Azure Storage).
    /// </summary>
    private TimeSpan Backoff(int refusals, TimeSpan? retryAfter)
    {
        var ceiling = Math.Min(MaxSubmitBackoffUnits, Math.Pow(2, Math.Min(refusals, 10)));
        var jitter = context.NewGuid().ToByteArray()[0] / 255.0 * ceiling;
        var units = Math.Max(1, Math.Ceiling(Math.Max(jitter, (retryAfter ?? TimeSpan.Zero) / job.RetryUnit)));
        return job.RetryUnit * units;
    }

    /// <summary>The step's done state as its note would say it: who delivered it, and how its end was learnt.</summary>
    private JobStepState DoneState(ProviderHandle handle, string via) =>
        job.Done.Change.Steps[0] with { Provider = handle.Provider, RequestId = handle.RequestId, Via = via };

    /// <summary>
    /// Copies the outputs into R2. While R2 (or the provider's files) cannot be reached, tries again on durable timers
    /// with growing waits until the storage window ends; the last try records the spend as paid but undelivered.
    /// </summary>
    private async Task<CollectOutcome> CollectAsync(ProviderHandle handle, string via)
    {
        var giveUpAt = context.CurrentUtcDateTime + job.StorageRetryWindow;
        var wait = job.RetryUnit * FirstStorageWaitUnits;
        CollectOutcome collected;
        do
        {
            var last = context.CurrentUtcDateTime + wait > giveUpAt;
            collected = await context.CallActivityAsync<CollectOutcome>(nameof(CollectProviderOutputsActivity),
                new CollectRequest(input, handle, job.DeferDone ? null : job.Done, via, last)
                {
                    WaitingNote = job.DeferDone ? job.Done : null,
                    Settle = job.Settle is { } settle ? settle with { Steps = [.. settle.Steps, DoneState(handle, via)] } : null,
                },
                TaskOptions.FromRetryPolicy(PipelineRetry.Idempotent));
            if (collected.Failure is not { Code: StepFailure.StorageUnavailable } || last)
            {
                return collected;
            }

            Logs.StorageUnavailableWaiting(log, input.JobId, input.StepKey, handle.Provider, handle.RequestId, wait);
            using var timerCancellation = new CancellationTokenSource();
            var timer = context.CreateTimer(context.CurrentUtcDateTime + wait, timerCancellation.Token);
            if (await Task.WhenAny(timer, job.Cancel) != timer)
            {
                // Cancelled while the output waited for storage: the user is not charged for it (the spend stays ours).
                timerCancellation.Cancel();
                job.CancelArrived();
                return collected with { Failure = StepFailure.Cancelled };
            }

            wait = wait * 2 < job.RetryUnit * MaxStorageWaitUnits ? wait * 2 : job.RetryUnit * MaxStorageWaitUnits;
        }
        while (context.CurrentUtcDateTime < giveUpAt);

        return collected;
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
            var winner = await Task.WhenAny(_webhook, timer, job.Cancel);
            if (winner != timer)
            {
                timerCancellation.Cancel();
            }

            if (winner == job.Cancel)
            {
                job.CancelArrived();
                return WaitResult.Cancelled;
            }

            if (winner == _webhook)
            {
                var delivery = _webhook.Result;
                _webhook = context.WaitForExternalEvent<ProviderWebhookEvent>(JobEvents.Webhook(input.StepKey));
                if (!string.Equals(delivery.RequestId, handle.RequestId, StringComparison.Ordinal))
                {
                    // A late delivery for an earlier provider's request: not ours; keep waiting.
                    Logs.ForeignWebhookIgnored(log, input.JobId, input.StepKey, delivery.RequestId, handle.RequestId);
                    continue;
                }

                if (delivery.Succeeded)
                {
                    Logs.RequestState(log, input.JobId, input.StepKey, handle.Provider, handle.RequestId, PollState.Succeeded, "webhook");
                    return WaitResult.Done("webhook");
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
                    return WaitResult.Done("poll");
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

    /// <param name="Failure">Why the request did not deliver.</param>
    /// <param name="IsCancelled">The job was cancelled while waiting.</param>
    /// <param name="Ended">The provider reported the request finished (failed); false when it timed out and may still run.</param>
    /// <param name="Via">How the end was learnt: <c>webhook</c> or <c>poll</c>.</param>
    private sealed record WaitResult(StepFailure? Failure, bool IsCancelled, bool Ended, string Via)
    {
        public static readonly WaitResult Cancelled = new(null, true, false, "cancel");

        public static WaitResult Done(string via) => new(null, false, true, via);

        public static WaitResult Fail(StepFailure failure) => new(failure, false, true, "poll");

        public static WaitResult TimedOut(StepFailure failure) => new(failure, false, false, "poll");
    }
}
