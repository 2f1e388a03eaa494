using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Tracing;
using Microsoft.DurableTask.Testing.Sidecar.Dispatcher;

namespace Natak.DevHost.Durable;

/// <summary>
/// The orchestration service as the gRPC sidecar sees it. (a) Concurrency: the sidecar dispatches at most the
/// backend's <c>MaxConcurrent…WorkItems</c> at once and backs off 500 ms whenever that many are out; the in-memory
/// backend reports <see cref="Environment.ProcessorCount"/>, so on 2 cores two waiting activities stall every
/// other one. Here both limits are the configured ones. (b) Sub-orchestrations on the Azure Storage backend
/// (docs/architecture.md, "The dev host's durable backend"): when the sidecar completes an orchestration work item it (1) puts a protobuf
/// <c>MapField</c> into a child's <c>ExecutionStartedEvent.Tags</c>, which the Azure Storage backend serializes
/// with type names and cannot read back, and (2) records a <see cref="GrpcSubOrchestrationInstanceCreatedEvent"/>
/// that the backend's table serializer writes without an EventType, so the parent's history can never be
/// loaded again. Here both are replaced by plain equivalents before the backend sees them. The plain creation event
/// has no trace context, so the span the parent's worker later emits for the child gets an id nobody points at;
/// (3) the child's start event is therefore re-parented to the parent orchestration's own span, which keeps a job's
/// trace one tree: request → orchestration → sub-orchestration (the canary's child) → activities (docs/operations.md).
/// Everything else is passed through unchanged (the in-memory backend keeps the fixed events as they are); the
/// client side of the sidecar uses the unwrapped service.
/// </summary>
internal sealed class SidecarOrchestrationService(IOrchestrationService inner, int maxActivities, int maxOrchestrations) : IOrchestrationService
{
    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => maxOrchestrations;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => maxActivities;

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        var parentSpan = ParentSpan(workItem.OrchestrationRuntimeState?.ExecutionStartedEvent);
        foreach (var message in orchestratorMessages)
        {
            if (message.Event is not ExecutionStartedEvent started)
            {
                continue;
            }

            if (started.Tags is { } tags && tags.GetType() != typeof(Dictionary<string, string>))
            {
                started.Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal);
            }

            if (parentSpan is not null && started.ParentTraceContext is { } child)
            {
                started.ParentTraceContext = new DistributedTraceContext(parentSpan, child.TraceState);
            }
        }

        ReplaceGrpcEvents(newOrchestrationRuntimeState.NewEvents);
        ReplaceGrpcEvents(newOrchestrationRuntimeState.Events);

        return inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => inner.StopAsync();

    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);

    /// <summary>The W3C traceparent of an orchestration's own span (the sidecar records its span id on the start event), or null.</summary>
    internal static string? ParentSpan(ExecutionStartedEvent? parent) =>
        parent?.ParentTraceContext is { SpanId: { Length: 16 } spanId, TraceParent: { Length: 55 } traceParent }
            ? $"{traceParent[..36]}{spanId}{traceParent[52..]}"
            : null;

    /// <summary>Swaps each sidecar-specific creation event for the DurableTask.Core type with the same identity and data.</summary>
    internal static void ReplaceGrpcEvents(IList<HistoryEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is GrpcSubOrchestrationInstanceCreatedEvent grpc)
            {
                events[i] = new SubOrchestrationInstanceCreatedEvent(grpc.EventId)
                {
                    Name = grpc.Name,
                    Version = grpc.Version,
                    InstanceId = grpc.InstanceId,
                    Input = grpc.Input,
                    Timestamp = grpc.Timestamp,
                };
            }
        }
    }
}
