using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Natak.EndToEnd.Tests.JobReads;

/// <summary>The host's Durable client, counting every call that reads the durable backend (instances, their history, queries).</summary>
public sealed class CountingDurableClient(DurableTaskClient inner) : DurableTaskClient(inner.Name)
{
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public void Reset() => Interlocked.Exchange(ref _reads, 0);

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) =>
        inner.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellation);

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        inner.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Read(() => inner.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation));

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Read(() => inner.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation));

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        inner.TerminateInstanceAsync(instanceId, options, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        inner.SuspendInstanceAsync(instanceId, reason, cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        inner.ResumeInstanceAsync(instanceId, reason, cancellation);

    public override Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Read(() => inner.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation));

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Read(() => inner.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation));

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        Interlocked.Increment(ref _reads);
        return inner.GetAllInstancesAsync(filter);
    }

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        inner.PurgeInstanceAsync(instanceId, options, cancellation);

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        inner.PurgeAllInstancesAsync(filter, options, cancellation);

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    private Task<T> Read<T>(Func<Task<T>> read)
    {
        Interlocked.Increment(ref _reads);
        return read();
    }
}
