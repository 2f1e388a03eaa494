namespace Natak.Benchmarks.Burst;

/// <summary>One job as its client saw it: how it ended, what it was charged, how long from the POST to seeing the end.</summary>
internal sealed record JobRun(string User, string JobId, string Status, string? Error, long Charged, TimeSpan Latency, int Polls);
