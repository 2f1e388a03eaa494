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

    /// <summary>The instance id of a canary's sub-orchestration.</summary>
    public static string ChildInstanceId(string instanceId) => instanceId + "~child";

    public override async Task<CanaryResult> RunAsync(TaskOrchestrationContext context, CanaryInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.CreateTimer(input.TimerDelay, CancellationToken.None);

        var payload = await context.WaitForExternalEvent<string>(PingEvent, input.EventTimeout);

        var echoes = Enumerable.Range(1, input.FanOut)
            .Select(i => context.CallActivityAsync<int>(nameof(CanaryEchoActivity), i))
            .ToList();
        var values = await Task.WhenAll(echoes);

        // A known child id, so the canary's history can be purged with it (ChildInstanceId).
        var child = await context.CallSubOrchestratorAsync<string>(nameof(CanaryChildOrchestrator), payload,
            new SubOrchestrationOptions { InstanceId = ChildInstanceId(context.InstanceId) });
        return new CanaryResult(true, payload, values.Sum(), child);
    }
}
