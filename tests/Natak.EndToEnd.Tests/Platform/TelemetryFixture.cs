using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Natak.EndToEnd.Tests.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Natak.EndToEnd.Tests.Platform;

/// <summary>A dev host on Azurite whose spans and metrics are also exported to memory.</summary>
public sealed class TelemetryFixture : DevHostFixture
{
    private readonly SpanSink _spans = new();

    /// <summary>Every span ended so far.</summary>
    public Activity[] Spans => _spans.Snapshot();

    private readonly List<Metric> _metrics = [];

    /// <summary>Collects the metrics now and returns the sum of <paramref name="name"/>'s points whose tags include <paramref name="tags"/>.</summary>
    public double Sum(string name, params (string Key, object? Value)[] tags)
    {
        lock (_metrics)
        {
            _metrics.Clear();
            Host.Services.GetRequiredService<MeterProvider>().ForceFlush();
            var total = 0d;
            foreach (var metric in _metrics.Where(m => m.Name == name))
            {
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var pointTags = new Dictionary<string, object?>();
                    foreach (var tag in point.Tags)
                    {
                        pointTags[tag.Key] = tag.Value;
                    }

                    if (tags.All(t => pointTags.TryGetValue(t.Key, out var v) && Equals(v, t.Value)))
                    {
                        total += metric.MetricType switch
                        {
                            MetricType.LongSum => point.GetSumLong(),
                            MetricType.DoubleSum => point.GetSumDouble(),
                            MetricType.Histogram => point.GetHistogramCount(),
                            MetricType.LongGauge => point.GetGaugeLastValueLong(),
                            _ => throw new InvalidOperationException($"{name} is a {metric.MetricType}"),
                        };
                    }
                }
            }

            return total;
        }
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics, reader => reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative));
    }
}

/// <summary>The in-memory exporter's collection, safe to read while spans are being added.</summary>
internal sealed class SpanSink : ICollection<Activity>
{
    private readonly List<Activity> _items = [];

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public Activity[] Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }

    public void Add(Activity item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    public void Clear()
    {
        lock (_items)
        {
            _items.Clear();
        }
    }

    public bool Contains(Activity item) => Snapshot().Contains(item);

    public void CopyTo(Activity[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

    public bool Remove(Activity item)
    {
        lock (_items)
        {
            return _items.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator() => ((IEnumerable<Activity>)Snapshot()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Runs alone: metrics are process-wide, so no other host may count jobs meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryFixture>
{
    public const string Name = "telemetry";
}
