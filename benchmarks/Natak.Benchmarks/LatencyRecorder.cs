using System.Diagnostics;
using System.Globalization;

namespace Natak.Benchmarks;

/// <summary>Collects the latency of each operation (thread-safe) and reports throughput and percentiles.</summary>
internal sealed class LatencyRecorder
{
    private readonly List<long> _ticks = [];

    public int Count
    {
        get
        {
            lock (_ticks)
            {
                return _ticks.Count;
            }
        }
    }

    public async Task<T> TimeAsync<T>(Func<Task<T>> operation)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await operation();
        var elapsed = Stopwatch.GetTimestamp() - started;
        lock (_ticks)
        {
            _ticks.Add(elapsed);
        }

        return result;
    }

    public double PercentileMs(double percentile)
    {
        long[] sorted;
        lock (_ticks)
        {
            sorted = [.. _ticks];
        }

        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(sorted);
        var index = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    public string Summary(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"{Count,7} ops {Count / elapsed.TotalSeconds,8:F1} ops/s   p50 {PercentileMs(50),7:F1} ms   p95 {PercentileMs(95),7:F1} ms   p99 {PercentileMs(99),7:F1} ms");
}
