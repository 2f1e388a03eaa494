namespace Natak.Benchmarks.Burst;

/// <summary>One job as its client saw it: how it ended, what it was charged, how long from the POST to its answer and to seeing the end, and how many of its status reads found it queued.</summary>
internal sealed record JobRun(string User, string JobId, string Status, string? Error, long Charged, TimeSpan Latency, int Polls)
{
    public TimeSpan Accepted { get; init; }

    public int QueuedPolls { get; init; }

    /// <summary>Status reads answered 503 (a dependency down for a moment), read again at the next poll.</summary>
    public int UnavailablePolls { get; init; }
}
