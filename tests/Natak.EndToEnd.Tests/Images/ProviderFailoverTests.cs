using Microsoft.DurableTask;
using Natak.Core.Ids;
using Natak.Core.Jobs;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Simulator;
using Natak.Workflows.Pipelines;
using Natak.Workflows.Pipelines.ProviderCalls;

namespace Natak.EndToEnd.Tests.Images;

/// <summary>
/// The provider call engine on a step offered by two providers (Kling: fal, then WaveSpeed): a provider that
/// fails is replaced by the next, but a refusal of the request itself (content policy) is final, even when only
/// the webhook reported it.
/// </summary>
[Collection(ImagesCollection.Name)]
public sealed class ProviderFailoverTests(ImagesHostFixture fixture)
{
    private readonly ImageHarness _harness = new(fixture);

    [Fact]
    public async Task A_content_policy_refusal_reported_by_webhook_is_final_and_never_sent_to_the_next_provider()
    {
        var (user, _) = await _harness.NewUserAsync(credits: 0);
        _harness.Simulator.AddFault(new FaultRule
        {
            Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Submit, Kind = FaultKind.CompletedWithError,
            StatusCode = 422, ErrorType = "content_policy_violation",
        });

        var result = await RunKlingAsync(user);

        Assert.Null(result.Output);
        Assert.Equal("content_policy_violation", result.Failure!.Code);
        Assert.Equal(["fal-ai/kling-video/v2.6/pro/text-to-video"], _harness.PaidCalls().Select(c => c.Model));
    }

    [Fact]
    public async Task A_provider_that_accepts_and_then_fails_is_cancelled_and_the_next_provider_delivers()
    {
        var (user, _) = await _harness.NewUserAsync(credits: 0);
        _harness.Simulator.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Submit, Kind = FaultKind.Failed });

        var result = await RunKlingAsync(user);

        Assert.Equal("wavespeed", result.Provider);
        Assert.Equal("video", result.Output!.Main!.Role);
        Assert.Equal(["fal-ai/kling-video/v2.6/pro/text-to-video", "kwaivgi/kling-v2.6-pro/text-to-video"], _harness.PaidCalls().Select(c => c.Model));
        var calls = _harness.Simulator.Calls();
        var falCancel = Assert.Single(calls, c => c.Provider == SimulatorProvider.Fal && c.Operation == SimulatorOperation.Cancel);
        Assert.True(falCancel.Seq < calls.Single(c => c.Provider == SimulatorProvider.WaveSpeed && c.Operation == SimulatorOperation.Submit).Seq);
    }

    private async Task<ProviderCallResult> RunKlingAsync(string user)
    {
        var jobId = JobIds.New(JobKind.Video, DateTimeOffset.UtcNow);
        var call = new ProviderCallInput(jobId, user, "video-1", "video", "kling-2.6-pro", "text-to-video", ["fal", "wavespeed"],
            new Dictionary<string, string> { ["prompt"] = "waves on a pier", ["duration"] = "5", ["audio"] = "false" },
            "sfw", "other-video", new StepWait(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromMinutes(2)));
        var client = fixture.Host.DurableClient;
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ProviderCallOrchestrator), call, new StartOrchestrationOptions(call.InstanceIdOf()));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var done = await client.WaitForInstanceCompletionAsync(call.InstanceIdOf(), getInputsAndOutputs: true, timeout.Token);
        return done.ReadOutputAs<ProviderCallResult>()!;
    }
}
