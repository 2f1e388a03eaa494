using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Orchestrations.Pipelines.ProviderCalls;
using Natak.Simulator;
using Natak.Tables.Webhooks;

namespace Natak.EndToEnd.Tests.ProviderCalls;

/// <summary>
/// A job's paid provider step on the Azure Storage backend (Azurite) against the simulator, through the API: webhook
/// path, poll path (first poll after 2 s, the fixture's image timing), duplicate and late webhooks, flaky polls,
/// provider errors, and the ambiguous submit.
/// </summary>
[Collection(ProviderCallCollection.Name)]
public sealed class ProviderCallTests(ProviderCallFixture fixture) : IDisposable
{
    public void Dispose() => fixture.Simulator.Control.ClearFaults();

    [Fact]
    public async Task The_webhook_completes_the_call_before_any_status_poll()
    {
        var (call, job) = await RunAsync();

        Succeeded(job);
        var requestId = SubmitOf(call).RequestId!;
        Assert.DoesNotContain(Calls(SimulatorOperation.Status), c => c.RequestId == requestId);
        Assert.Contains(Calls(SimulatorOperation.Webhook), c => c.RequestId == requestId && c.StatusCode == 200);
        var image = job["result"]!["images"]![0]!;
        Assert.Equal((512, 512), ((int)image["width"]!, (int)image["height"]!));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await new HttpClient().GetAsync((string)image["url"]!)).StatusCode);
        var spend = await fixture.Host.Services.GetRequiredService<Natak.Tables.Spend.SpendStore>().GetJobAsync(call.JobId);
        Assert.Contains(spend, s => s.Step == call.StepKey && s.Provider == ProviderNames.Fal && s.CostUsd > 0);
    }

    [Fact]
    public async Task With_webhooks_dropped_the_call_completes_by_polling_on_durable_timers()
    {
        // Every webhook while the test runs: a late delivery for an earlier test's request must not use up the fault.
        Fault(FaultKind.DropWebhook, SimulatorOperation.Webhook, times: null);

        var (call, job) = await RunAsync();

        Succeeded(job);
        var requestId = SubmitOf(call).RequestId!;
        Assert.Contains(Calls(SimulatorOperation.Status), c => c.RequestId == requestId);
        Assert.DoesNotContain(Calls(SimulatorOperation.Webhook), c => c.RequestId == requestId && c.StatusCode == 200);
    }

    [Fact]
    public async Task A_duplicated_webhook_is_recorded_once_as_acted_on_and_changes_nothing()
    {
        Fault(FaultKind.DuplicateWebhook, SimulatorOperation.Webhook, times: null);

        var (call, job) = await RunAsync();

        Succeeded(job);
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

        var (call, job) = await RunAsync();
        var requestId = SubmitOf(call).RequestId!;
        var late = await fixture.Simulator.Control.WaitForCallAsync(c => c.Operation == SimulatorOperation.Webhook && c.RequestId == requestId, TimeSpan.FromSeconds(30));

        Succeeded(job);
        Assert.Equal(200, late.StatusCode);
        using var api = fixture.Api(User);
        var after = await Jobs.WaitForTerminalAsync(api, call.JobId);
        Assert.Equal("succeeded", (string?)after["status"]);
        Assert.Equal(job["result"]!.ToJsonString(), after["result"]!.ToJsonString());
    }

    [Fact]
    public async Task Thirty_percent_failed_polls_still_complete_the_call()
    {
        Fault(FaultKind.DropWebhook, SimulatorOperation.Webhook);
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Status, Kind = FaultKind.Http503, Probability = 0.15 });
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Status, Kind = FaultKind.Http429, Probability = 0.15 });
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Result, Kind = FaultKind.Http502, Probability = 0.3 });

        var (call, job) = await RunAsync();

        Succeeded(job);
        Assert.Single(Calls(SimulatorOperation.Submit), c => IsFor(c, call));
    }

    [Fact]
    public async Task A_model_that_completes_with_an_error_fails_the_step_with_a_clean_code()
    {
        Fault(FaultKind.CompletedWithError, operation: null);

        var (_, job) = await RunAsync();

        Assert.Equal("failed", (string?)job["status"]);
        Assert.Equal("provider_failed", (string?)job["error"]!["code"]);
        Assert.DoesNotContain("Exception", (string?)job["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_prompt_is_an_input_error_that_is_not_retried_or_failed_over()
    {
        var (call, job) = await RunAsync(prompt: "a portrait [[blocked]]");

        Assert.Equal("failed", (string?)job["status"]);
        Assert.Equal("content_policy_violation", (string?)job["error"]!["code"]);
        Assert.Single(Calls(SimulatorOperation.Submit), c => IsFor(c, call));
    }

    [Fact]
    public async Task An_ambiguous_submit_is_never_sent_again()
    {
        Fault(FaultKind.DropAfterAccept, SimulatorOperation.Submit);

        var (call, job) = await RunAsync();

        Assert.Equal("failed", (string?)job["status"]);
        Assert.Equal("ambiguous_submit", (string?)job["error"]!["code"]);
        Assert.Single(Calls(SimulatorOperation.Submit), c => IsFor(c, call));
    }

    private const string User = "provider-call-user";

    /// <summary>Orders one basic image (a marked prompt, so its submit can be found among the simulator's calls) and waits for it to end.</summary>
    private async Task<(StepCall Call, JsonObject Job)> RunAsync(string? prompt = null)
    {
        await fixture.GrantAsync(User, 5);
        using var api = fixture.Api(User);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var text = (prompt ?? "a red bicycle") + " #" + marker;
        var jobId = await Jobs.StartAsync(api, "/api/images", new { prompt = text, width = 512, height = 512 });
        return (new StepCall(jobId, "generate-1", marker), await Jobs.WaitForTerminalAsync(api, jobId));
    }

    private static void Succeeded(JsonObject job) =>
        Assert.True((string?)job["status"] == "succeeded", job.ToJsonString());

    private void Fault(FaultKind kind, SimulatorOperation? operation, int? times = 1) =>
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = operation, Kind = kind, Times = times });

    private IReadOnlyList<SimulatorCall> Calls(SimulatorOperation operation) => fixture.Simulator.Control.Calls(SimulatorProvider.Fal, operation);

    private SimulatorCall SubmitOf(StepCall call) => Assert.Single(Calls(SimulatorOperation.Submit), c => IsFor(c, call));

    private static bool IsFor(SimulatorCall call, StepCall step) =>
        call.Input?.ToString() is { } body && body.Contains("#" + step.Marker, StringComparison.Ordinal);

    private async Task<WebhookReceipt> WaitForReceiptAsync(StepCall call, string requestId, int deliveries)
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
