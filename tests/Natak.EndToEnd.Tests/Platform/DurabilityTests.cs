using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Natak.Api.Health;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Orchestrations.Canary;
using Natak.Testing;

namespace Natak.EndToEnd.Tests.Platform;

public sealed class DurabilityTests
{
    [Fact]
    public async Task A_canary_waiting_for_its_event_survives_a_SIGKILL_of_the_dev_host()
    {
        var storage = await LocalServices.StorageConnectionStringAsync();
        var s3 = await LocalServices.S3ServiceUrlAsync();
        var hub = Unique.Name("crash");
        int apiPort = FreePort.Next(), grpcPort = FreePort.Next();
        var id = "canary-crash-" + Guid.NewGuid().ToString("N");

        using (var first = await DevHostProcess.StartAsync(storage, s3, hub, apiPort, grpcPort))
        {
            var client = first.CreateDurableClient();
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(CanaryOrchestrator),
                new CanaryInput(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), 3), new StartOrchestrationOptions(id));
            await WaitForRunningPastTheTimerAsync(client, id);
            first.Kill();
        }

        using var second = await DevHostProcess.StartAsync(storage, s3, hub, apiPort, grpcPort);
        var after = second.CreateDurableClient();
        var before = await after.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Running, before!.RuntimeStatus);

        await after.RaiseEventAsync(id, CanaryOrchestrator.PingEvent, "after-restart");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var done = await after.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.RuntimeStatus + "\n" + second.Output);
        var result = done.ReadOutputAs<CanaryResult>()!;
        Assert.Equal("after-restart", result.EventPayload);
        Assert.Equal(6, result.FanOutSum);
        Assert.Equal("child:after-restart:0", result.ChildEcho);
    }

    private static async Task WaitForRunningPastTheTimerAsync(DurableTaskClient client, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var instance = await client.GetInstanceAsync(id);
            if (instance?.RuntimeStatus == OrchestrationRuntimeStatus.Running)
            {
                // The 1 s timer has fired by now; the orchestration is parked on its event.
                await Task.Delay(TimeSpan.FromSeconds(3));
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("the canary never started running");
    }
}
