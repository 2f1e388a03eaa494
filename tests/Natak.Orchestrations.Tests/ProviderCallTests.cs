using Natak.Orchestrations.Pipelines;
using Natak.Orchestrations.Pipelines.Activities;
using Natak.Orchestrations.Pipelines.ProviderCalls;
using Natak.Orchestrations.Tests.Infrastructure;

namespace Natak.Orchestrations.Tests;

/// <summary>
/// One paid step of a job over fake providers: failover only once the first request is
/// known to have ended, never after an ambiguous submit; deadlines without a webhook; webhooks for other requests.
/// </summary>
[Collection(OrchestrationCollection.Name)]
public sealed class ProviderCallTests(OrchestrationHost host)
{
    private const string Submit = nameof(SubmitProviderRequestActivity);
    private const string Poll = nameof(PollProviderRequestActivity);
    private const string Cancel = nameof(CancelProviderRequestActivity);
    private const string Collect = nameof(CollectProviderOutputsActivity);
    private const string Fal = ProviderNames.Fal;
    private const string WaveSpeed = ProviderNames.WaveSpeed;

    [Fact]
    public async Task A_request_that_failed_at_fal_goes_to_WaveSpeed_only_after_fal_reported_it_ended()
    {
        var job = host.World.NewJob("vid");
        job.Providers = (_, provider) => provider == Fal ? ProviderScript.FailsAfterAccepting(ProviderScript.Crashed) : ProviderScript.Delivers;

        var result = await host.RunAsync(TestJobs.KlingCall(job, TestJobs.Quick));

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(WaveSpeed, result.Provider);
        Assert.Equal(
            [(Submit, Fal, "accepted"), (Poll, Fal, "Failed"), (Submit, WaveSpeed, "accepted"), (Poll, WaveSpeed, "Succeeded"), (Collect, WaveSpeed, null)],
            Trace(job));
        Assert.Contains(host.Logs.Of(job.JobId), l => l.Message.Contains(
            $"Job {job.JobId} step video-1: fal failed (provider_failed) and its request has ended; trying wavespeed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_submit_is_sent_again_to_the_same_provider_after_a_back_off_and_delivers_there()
    {
        var job = host.World.NewJob("vid");
        var refusals = 0;
        job.Providers = (_, provider) => provider == Fal && Interlocked.Increment(ref refusals) <= 2 ? ProviderScript.Refuses(ProviderScript.Throttled) : ProviderScript.Delivers;

        var result = await host.RunAsync(TestJobs.KlingCall(job, TestJobs.Quick));

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(Fal, result.Provider);
        Assert.Equal(
            [(Submit, Fal, "rate_limited"), (Submit, Fal, "rate_limited"), (Submit, Fal, "accepted"), (Poll, Fal, "Succeeded"), (Collect, Fal, null)],
            Trace(job));
        var attempts = job.CallsTo(Submit).Select(c => ((SubmitRequest)c.Input!).Attempt);
        Assert.Equal([1, 2, 3], attempts);
        Assert.Equal(2, host.Logs.Of(job.JobId).Count(l => l.Message.Contains("fal refused the request (rate_limited), nothing was created; sending it again", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Submits_refused_for_the_whole_retry_window_go_to_the_next_provider()
    {
        var job = host.World.NewJob("vid");
        job.Providers = (_, provider) => provider == Fal ? ProviderScript.Refuses(ProviderScript.Throttled) : ProviderScript.Delivers;

        var result = await host.RunAsync(TestJobs.KlingCall(job, TestJobs.Quick));

        Assert.Equal(WaveSpeed, result.Provider);
        var submits = job.CallsTo(Submit);
        Assert.True(submits.Count(s => s.Provider == Fal) >= 2, "fal was asked again before the step failed over");
        Assert.True(submits.Last(s => s.Provider == Fal).At - submits[0].At < TestJobs.SubmitRetryWindow + TimeSpan.FromMilliseconds(200), "the refusals outlasted the window");
        Assert.Equal(WaveSpeed, submits[^1].Provider);
        Assert.Equal(Fal, ((SubmitRequest)submits[^1].Input!).FailedOverFrom);
    }

    [Fact]
    public async Task A_paid_output_is_stored_once_storage_is_back_and_charged_once()
    {
        var job = host.World.NewJob("vid");
        job.StorageOutage = 3;

        var result = await host.RunAsync(TestJobs.KlingCall(job, TestJobs.Quick, [Fal]));

        Assert.True(result.Succeeded, result.Failure?.Message);
        var collects = job.CallsTo(Collect);
        Assert.Equal([StepFailure.StorageUnavailable, StepFailure.StorageUnavailable, StepFailure.StorageUnavailable, null], collects.Select(c => c.Answer));
        Assert.All(collects, c => Assert.False(((CollectRequest)c.Input!).LastAttempt));
        Assert.Single(job.CallsTo(Submit));
        Assert.Equal(15L, ((FinishJob)Assert.Single(job.CallsTo(nameof(FinishJobActivity))).Input!).Capture);
    }

    [Fact]
    public async Task Storage_down_for_the_whole_window_fails_the_step_without_charging_and_records_the_spend_as_undelivered()
    {
        var job = host.World.NewJob("vid");
        job.StorageOutage = int.MaxValue;

        var result = await host.RunAsync(TestJobs.KlingCall(job, TestJobs.Quick, [Fal, WaveSpeed]));

        Assert.False(result.Succeeded);
        Assert.Equal(StepFailure.StorageUnavailable, result.Failure!.Code);
        var collects = job.CallsTo(Collect);
        Assert.True(collects.Count >= 2, "storage was tried again");
        Assert.True(((CollectRequest)collects[^1].Input!).LastAttempt, "the last try records the spend as paid but undelivered");
        Assert.Equal([Fal], job.CallsTo(Submit).Select(s => s.Provider)); // paid at fal: never generated again elsewhere
        Assert.Equal(0L, ((FinishJob)Assert.Single(job.CallsTo(nameof(FinishJobActivity))).Input!).Capture);
    }

    public static TheoryData<string, string> StaysAtFal => new()
    {
        // the submit may have reached fal: sending it elsewhere could generate, and bill, twice
        { "ambiguous submit", "ambiguous_submit" },

        // a refusal of the content: WaveSpeed would refuse it too
        { "content refused", "content_policy_violation" },
    };

    [Theory]
    [MemberData(nameof(StaysAtFal))]
    public async Task A_failure_another_provider_cannot_help_with_is_never_sent_to_it(string failure, string code)
    {
        var job = host.World.NewJob("vid");
        job.Providers = (_, provider) => provider != Fal ? ProviderScript.Delivers
            : failure == "ambiguous submit" ? ProviderScript.Refuses(ProviderScript.Ambiguous) : ProviderScript.FailsAfterAccepting(ProviderScript.Refused);

        var result = await host.RunAsync(TestJobs.KlingCall(job, TestJobs.Quick));

        Assert.False(result.Succeeded);
        Assert.Equal(code, result.Failure!.Code);
        Assert.Equal([Fal], job.CallsTo(Submit).Select(s => s.Provider));
        Assert.Contains(host.Logs.Of(job.JobId), l => l.Message.Contains($"step video-1: fal failed ({code}); not sent to another provider", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_webhook_fal_is_polled_until_the_deadline_then_cancelled_and_WaveSpeed_asked_once_the_stop_is_confirmed()
    {
        var job = host.World.NewJob("vid");
        job.Providers = (_, provider) => provider == Fal ? ProviderScript.Hangs : ProviderScript.Delivers;

        var result = await host.RunAsync(TestJobs.KlingCall(job, TestJobs.ShortDeadline));

        Assert.Equal(WaveSpeed, result.Provider);
        var calls = job.Calls;
        var falSubmit = calls.Single(c => c.Activity == Submit && c.Provider == Fal);
        var cancel = Assert.Single(calls, c => c.Activity == Cancel);
        var waveSpeedSubmit = calls.Single(c => c.Activity == Submit && c.Provider == WaveSpeed);
        Assert.Equal(falSubmit.RequestId, cancel.RequestId);
        Assert.True(cancel.At - falSubmit.At >= TestJobs.ShortDeadline.Deadline, $"cancelled {(cancel.At - falSubmit.At).TotalMilliseconds} ms after the submit");
        Assert.True(calls.Count(c => c.Activity == Poll && c.Answer == "Pending" && c.Seq < cancel.Seq) >= 2, "fal was polled while it ran");
        Assert.Contains(calls, c => c.Activity == Poll && c.Provider == Fal && c.Answer == "Failed" && c.Seq > cancel.Seq && c.Seq < waveSpeedSubmit.Seq);
        var logs = host.Logs.Of(job.JobId).Select(l => l.Message).ToList();
        Assert.Contains(logs, m => m.Contains($"step video-1: fal request {falSubmit.RequestId} not done by its deadline", StringComparison.Ordinal));
        Assert.Contains(logs, m => m.Contains($"fal request {falSubmit.RequestId} after the cancel: stopped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_past_its_deadline_with_no_other_provider_is_cancelled_and_the_step_fails()
    {
        var job = host.World.NewJob("vid");
        job.Providers = (_, _) => ProviderScript.Hangs;

        var result = await host.RunAsync(TestJobs.KlingCall(job, TestJobs.ShortDeadline, [Fal]));

        Assert.Equal("provider_timeout", result.Failure!.Code);
        Assert.Single(job.CallsTo(Submit));
        Assert.Single(job.CallsTo(Cancel));
        Assert.Empty(job.CallsTo(Collect));
    }

    [Fact]
    public async Task A_request_that_cannot_be_confirmed_stopped_is_not_sent_to_another_provider()
    {
        var job = host.World.NewJob("vid");
        job.Providers = (_, provider) => provider == WaveSpeed ? ProviderScript.Hangs with { Cancellable = false } : ProviderScript.Delivers;

        var result = await host.RunAsync(TestJobs.KlingCall(job, TestJobs.ShortDeadline, [WaveSpeed, Fal]));

        Assert.Equal("provider_timeout", result.Failure!.Code);
        Assert.Contains("could not be confirmed stopped", result.Failure.Message, StringComparison.Ordinal);
        Assert.Equal([WaveSpeed], job.CallsTo(Submit).Select(s => s.Provider));
        var cancel = Assert.Single(job.CallsTo(Cancel));
        Assert.Equal(3, job.CallsTo(Poll).Count(p => p.Seq > cancel.Seq));
    }

    [Fact]
    public async Task A_request_that_finishes_while_its_stop_is_confirmed_is_used_rather_than_made_again()
    {
        var job = host.World.NewJob("vid");
        job.Providers = (_, provider) => provider == WaveSpeed ? ProviderScript.Hangs with { Cancellable = false, FinishesWhenCancelled = true } : ProviderScript.Delivers;

        var result = await host.RunAsync(TestJobs.KlingCall(job, TestJobs.ShortDeadline, [WaveSpeed, Fal]));

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal([WaveSpeed], job.CallsTo(Submit).Select(s => s.Provider));
        Assert.Equal(job.CallsTo(Submit)[0].RequestId, Assert.Single(job.CallsTo(Collect)).RequestId);
    }

    [Fact]
    public async Task A_webhook_for_another_request_is_ignored_and_the_call_waits_for_its_own()
    {
        var job = host.World.NewJob("vid");
        job.Providers = (_, _) => ProviderScript.Hangs;
        var call = TestJobs.KlingCall(job, TestJobs.Quick, [Fal]);
        await host.StartAsync(call);
        var own = Assert.Single(await job.WaitForAsync(c => c.Activity == Submit, "the submit")).RequestId!;

        var pollsBefore = job.CallsTo(Poll).Count;
        await RaiseWebhookAsync(call, "req-of-an-earlier-provider");
        await job.WaitForAsync(c => c.Activity == Poll, "polls after the foreign webhook", count: pollsBefore + 3);
        Assert.Empty(job.CallsTo(Collect));
        await RaiseWebhookAsync(call, own);
        var result = await host.FinishedAsync(call);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(own, Assert.Single(job.CallsTo(Collect)).RequestId);
        Assert.Contains(host.Logs.Of(job.JobId), l => l.Message.Contains($"ignored a webhook for request req-of-an-earlier-provider; waiting for {own}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_webhook_ends_the_wait_before_any_poll()
    {
        var job = host.World.NewJob("vid");
        job.Providers = (_, _) => ProviderScript.Hangs;
        var call = TestJobs.KlingCall(job, TestJobs.Quick with { FirstPoll = TimeSpan.FromSeconds(30), MaxPoll = TimeSpan.FromSeconds(30) }, [Fal]);
        await host.StartAsync(call);
        var own = Assert.Single(await job.WaitForAsync(c => c.Activity == Submit, "the submit")).RequestId!;

        await RaiseWebhookAsync(call, own);
        var result = await host.FinishedAsync(call);

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Empty(job.CallsTo(Poll));
    }

    private Task RaiseWebhookAsync(ProviderCallInput call, string requestId) =>
        host.RaiseWebhookAsync(call.JobId, call.StepKey, new ProviderWebhookEvent(Fal, requestId, Succeeded: true, Error: null));

    /// <summary>The step's provider calls in order (the job's settlement left out).</summary>
    private static List<(string Activity, string? Provider, string? Answer)> Trace(JobScript job) =>
        [.. job.Calls.Where(c => c.Activity != nameof(FinishJobActivity)).Select(c => (c.Activity, c.Provider, c.Answer))];
}
