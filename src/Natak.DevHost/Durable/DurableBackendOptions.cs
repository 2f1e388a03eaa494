namespace Natak.DevHost.Durable;

/// <summary>The dev host's durable backend (section <c>Durable</c>).</summary>
public sealed class DurableBackendOptions
{
    public const string SectionName = "Durable";

    public DurableBackendKind Backend { get; set; } = DurableBackendKind.AzureStorage;

    /// <summary>The task hub: queues, tables and blob containers are named after it (letters and digits, 3–45).</summary>
    public string TaskHubName { get; set; } = "NatakDev";

    /// <summary>The loopback port of the gRPC sidecar the worker and client talk to; 0 picks a free one.</summary>
    public int GrpcPort { get; set; }

    /// <summary>Activities are mostly waits on provider HTTP calls: far more can run at once than there are cores.</summary>
    public int MaxConcurrentActivities { get; set; } = 64;

    public int MaxConcurrentOrchestrations { get; set; } = 64;

    /// <summary>Azure's default is 30 s; a short ceiling keeps local latency low.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public int PartitionCount { get; set; } = 4;

    /// <summary>Keep an orchestration's history in memory between its episodes instead of reading it back from the History table.</summary>
    public bool ExtendedSessions { get; set; }

    /// <summary>A stable worker id lets a restarted dev host reclaim its own partition leases at once.</summary>
    public string WorkerId { get; set; } = "natak-devhost";
}
