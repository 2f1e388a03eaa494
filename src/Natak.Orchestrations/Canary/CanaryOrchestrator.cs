using Microsoft.DurableTask;

namespace Natak.Orchestrations.Canary;

/// <summary>
/// Proves the durable backend end to end: a durable timer, an external event (raised by whoever started it,
/// buffered if it arrives early), a fan-out of activities and a sub-orchestration. The health check and the
/// tests run it on every backend.
/// </summary>
public sealed class CanaryOrchestrator : TaskOrchestrator<CanaryInput, CanaryResult>
{
    public const string PingEvent = "canary-ping";

    public override async Task<CanaryResult> RunAsync(TaskOrchestrationContext context, CanaryInput input)
    {
        await context.CreateTimer(input.TimerDelay, CancellationToken.None);

        var payload = await context.WaitForExternalEvent<string>(PingEvent, input.EventTimeout);

        var echoes = Enumerable.Range(1, input.FanOut)
            .Select(i => context.CallActivityAsync<int>(nameof(CanaryEchoActivity), i))
            .ToList();
        var values = await Task.WhenAll(echoes);

        var child = await context.CallSubOrchestratorAsync<string>(nameof(CanaryChildOrchestrator), payload);
        return new CanaryResult(true, payload, values.Sum(), child);
    }
}
