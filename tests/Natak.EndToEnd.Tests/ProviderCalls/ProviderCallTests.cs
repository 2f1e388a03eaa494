using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Natak.Core.Pricing;
using Natak.Orchestrations.Pipelines;
using Natak.Orchestrations.Pipelines.ProviderCalls;
using Natak.Simulator;
using Natak.Tables.Webhooks;

namespace Natak.EndToEnd.Tests.ProviderCalls;

/// <summary>
/// The durable provider call on the Azure Storage backend (Azurite) against the simulator: webhook path, poll
/// path, duplicate and late webhooks, flaky polls, provider errors, and the ambiguous submit.
/// </summary>
[Collection(ProviderCallCollection.Name)]
public sealed class ProviderCallTests(ProviderCallFixture fixture) : IDisposable
{
    public void Dispose() => fixture.Simulator.Control.ClearFaults();

    [Fact]
    public async Task The_webhook_completes_the_call_before_any_status_poll()
    {
        var (call, result) = await RunAsync(Wait(firstPoll: 10));

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(ProviderNames.Fal, result.Provider);
        var requestId = SubmitOf(call).RequestId!;
        Assert.DoesNotContain(Calls(SimulatorOperation.Status), c => c.RequestId == requestId);
        Assert.Contains(Calls(SimulatorOperation.Webhook), c => c.RequestId == requestId && c.StatusCode == 200);
        var image = result.Output!.Main!;
        Assert.Equal((512, 512), (image.Width, image.Height));
        Assert.NotNull(await fixture.Host.Services.GetRequiredService<Natak.Assets.IAssetStore>().HeadAsync(image.Key));
        Assert.True(result.CostUsd > 0);
    }

    [Fact]
    public async Task With_webhooks_dropped_the_call_completes_by_polling_on_durable_timers()
    {
        Fault(FaultKind.DropWebhook, SimulatorOperation.Webhook);

        var (call, result) = await RunAsync(Wait(firstPoll: 1));

        Assert.True(result.Succeeded, result.Failure?.Message);
        var requestId = SubmitOf(call).RequestId!;
        Assert.Contains(Calls(SimulatorOperation.Status), c => c.RequestId == requestId);
        Assert.DoesNotContain(Calls(SimulatorOperation.Webhook), c => c.RequestId == requestId && c.StatusCode == 200);
    }

    [Fact]
    public async Task A_duplicated_webhook_is_recorded_once_as_acted_on_and_changes_nothing()
    {
        Fault(FaultKind.DuplicateWebhook, SimulatorOperation.Webhook);

        var (call, result) = await RunAsync(Wait(firstPoll: 10));

        Assert.True(result.Succeeded, result.Failure?.Message);
        var requestId = SubmitOf(call).RequestId!;
        var receipt = await WaitForReceiptAsync(call, requestId, deliveries: 2);
        Assert.Equal(2, receipt.Deliveries);
        Assert.Equal(2, Calls(SimulatorOperation.Webhook).Count(c => c.RequestId == requestId && c.StatusCode == 200));
    }

    [Fact]
    public async Task A_webhook_arriving_after_the_call_finished_by_polling_changes_nothing()
    {
        fixture.Simulator.Control.AddFault(new FaultRule
        {
            Provider = SimulatorProvider.Fal,
            Operation = SimulatorOperation.Webhook,
            Kind = FaultKind.DelayWebhook,
            Delay = TimeSpan.FromSeconds(8),
            Times = 1,
        });

        var (call, result) = await RunAsync(Wait(firstPoll: 1));
        var requestId = SubmitOf(call).RequestId!;
        var late = await fixture.Simulator.Control.WaitForCallAsync(c => c.Operation == SimulatorOperation.Webhook && c.RequestId == requestId, TimeSpan.FromSeconds(30));

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(200, late.StatusCode);
        var instance = await fixture.Host.DurableClient.GetInstanceAsync(call.InstanceIdOf(), getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance!.RuntimeStatus);
        Assert.Equal(result.Output!.Main!.Key, instance.ReadOutputAs<ProviderCallResult>()!.Output!.Main!.Key);
    }

    [Fact]
    public async Task Thirty_percent_failed_polls_still_complete_the_call()
    {
        Fault(FaultKind.DropWebhook, SimulatorOperation.Webhook);
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Status, Kind = FaultKind.Http503, Probability = 0.15 });
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Status, Kind = FaultKind.Http429, Probability = 0.15 });
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Result, Kind = FaultKind.Http502, Probability = 0.3 });

        var (call, result) = await RunAsync(Wait(firstPoll: 1));

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Single(Calls(SimulatorOperation.Submit), c => IsFor(c, call));
    }

    [Fact]
    public async Task A_model_that_completes_with_an_error_fails_the_step_with_a_clean_code()
    {
        Fault(FaultKind.CompletedWithError, operation: null);

        var (_, result) = await RunAsync(Wait(firstPoll: 1));

        Assert.False(result.Succeeded);
        Assert.Equal("provider_failed", result.Failure!.Code);
        Assert.DoesNotContain("Exception", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_prompt_is_an_input_error_that_is_not_retried_or_failed_over()
    {
        var (call, result) = await RunAsync(Wait(firstPoll: 1), prompt: "a portrait [[blocked]]");

        Assert.False(result.Succeeded);
        Assert.Equal("content_policy_violation", result.Failure!.Code);
        Assert.False(result.Failure.Transient);
        Assert.Single(Calls(SimulatorOperation.Submit), c => IsFor(c, call));
    }

    [Fact]
    public async Task An_ambiguous_submit_is_never_sent_again()
    {
        Fault(FaultKind.DropAfterAccept, SimulatorOperation.Submit);

        var (call, result) = await RunAsync(Wait(firstPoll: 1));

        Assert.False(result.Succeeded);
        Assert.Equal("ambiguous_submit", result.Failure!.Code);
        Assert.Single(Calls(SimulatorOperation.Submit), c => IsFor(c, call));
    }

    private async Task<(ProviderCallInput Call, ProviderCallResult Result)> RunAsync(StepWait wait, string? prompt = null)
    {
        var jobId = "img_" + Guid.NewGuid().ToString("N")[..20].ToUpperInvariant();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var call = new ProviderCallInput(jobId, "provider-call-user", "generate", ModelKind.Image, "z-image-turbo", "default", [ProviderNames.Fal],
            new Dictionary<string, string> { ["prompt"] = (prompt ?? "a red bicycle") + " #" + marker, ["size"] = "512x512" },
            "sfw", "basic-image", wait);
        var client = fixture.Host.DurableClient;
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ProviderCallOrchestrator), call, new StartOrchestrationOptions(call.InstanceIdOf()));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var done = await client.WaitForInstanceCompletionAsync(call.InstanceIdOf(), getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        return (call, done.ReadOutputAs<ProviderCallResult>()!);
    }

    private static StepWait Wait(int firstPoll) => new(TimeSpan.FromSeconds(firstPoll), TimeSpan.FromSeconds(Math.Max(firstPoll, 2)), TimeSpan.FromMinutes(2));

    private void Fault(FaultKind kind, SimulatorOperation? operation) =>
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = operation, Kind = kind, Times = 1 });

    private IReadOnlyList<SimulatorCall> Calls(SimulatorOperation operation) => fixture.Simulator.Control.Calls(SimulatorProvider.Fal, operation);

    private SimulatorCall SubmitOf(ProviderCallInput call) => Assert.Single(Calls(SimulatorOperation.Submit), c => IsFor(c, call));

    private static bool IsFor(SimulatorCall call, ProviderCallInput input) =>
        call.Input?.ToString() is { } body && body.Contains(input.Values["prompt"].Split('#')[1], StringComparison.Ordinal);

    private async Task<WebhookReceipt> WaitForReceiptAsync(ProviderCallInput call, string requestId, int deliveries)
    {
        var inbox = fixture.Host.Services.GetRequiredService<WebhookInbox>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await inbox.GetAsync(ProviderNames.Fal, requestId, call.JobId, call.StepKey) is { } receipt && receipt.Deliveries >= deliveries)
            {
                return receipt;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("no receipt for " + requestId);
    }
}
