using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Natak.Api.Health;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Orchestrations.Canary;

namespace Natak.EndToEnd.Tests.Platform;

/// <summary>The canary (timer + event + fan-out + sub-orchestration) completes on both durable backends.</summary>
public abstract class CanaryTests(DevHostFixture fixture)
{
    [Fact]
    public async Task Canary_completes_with_timer_event_fan_out_and_sub_orchestration()
    {
        var client = fixture.Host.DurableClient;
        var id = "canary-test-" + Guid.NewGuid().ToString("N");
        var input = new CanaryInput(TimeSpan.FromSeconds(1.5), TimeSpan.FromMinutes(1), 6);
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(CanaryOrchestrator), input, new StartOrchestrationOptions(id));

        // Raised before the orchestration waits for it: Durable buffers it.
        await client.RaiseEventAsync(id, CanaryOrchestrator.PingEvent, "hello");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var result = done.ReadOutputAs<CanaryResult>()!;
        Assert.True(result.TimerFired);
        Assert.Equal("hello", result.EventPayload);
        Assert.Equal(21, result.FanOutSum); // 1 + 2 + … + 6
        Assert.Equal("child:hello:0", result.ChildEcho);
        Assert.True(result.Proves(input, "hello"));
        Assert.False(result.Proves(input, "another payload"));
        Assert.False(result.Proves(input with { FanOut = 5 }, "hello"));
        // Azure Storage queues delay messages in whole seconds, so durable timers there have 1 s resolution.
        Assert.True(done.LastUpdatedAt - done.CreatedAt >= TimeSpan.FromSeconds(1), $"{done.CreatedAt:O} -> {done.LastUpdatedAt:O}");
    }

    [Fact]
    public async Task Canary_without_its_event_fails_at_the_event_timeout()
    {
        var client = fixture.Host.DurableClient;
        var id = "canary-timeout-" + Guid.NewGuid().ToString("N");
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(CanaryOrchestrator),
            new CanaryInput(TimeSpan.Zero, TimeSpan.FromSeconds(1), 1), new StartOrchestrationOptions(id));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
    }
}

[Collection(DevHostCollection.Name)]
public sealed class CanaryOnAzureStorageTests(DevHostFixture fixture) : CanaryTests(fixture);

public sealed class CanaryInMemoryTests(InMemoryDevHostFixture fixture) : CanaryTests(fixture), IClassFixture<InMemoryDevHostFixture>;
