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

    /// <summary>
    /// Control queues of a new task hub (an existing hub keeps the count it was created with). Partitions spread
    /// orchestrations over workers; the dev host is one worker, and each partition is one more queue it polls (four
    /// cost it ~7 more queue requests per job in the burst benchmark than one). The Functions app keeps host.json's 4.
    /// </summary>
    public int PartitionCount { get; set; } = 1;

    /// <summary>
    /// How long a message a worker fetched from a control queue stays invisible to the others. After a crash, the
    /// messages the dead process had fetched (a job's next event, a slot handed to a waiting job) come back only
    /// when it runs out, so it bounds how long a crash stalls those jobs. Azure's default is 5 minutes; an episode
    /// takes milliseconds, so a minute is ample.
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The same for activity messages (a running activity's message is renewed, so a minute is safe).</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A stable worker id lets a restarted dev host reclaim its own partition leases at once.</summary>
    public string WorkerId { get; set; } = "natak-devhost";
}
