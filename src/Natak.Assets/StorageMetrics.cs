using System.Diagnostics;
using System.Diagnostics.Metrics;
using Natak.Core.Telemetry;

namespace Natak.Assets;

/// <summary>
/// The asset store's telemetry: a span per R2 operation (source <c>Natak.Assets</c>; the S3 client's HTTP requests
/// are its children) and the meter <c>Natak.Assets</c> — parts sent by mode, bytes stored, multipart uploads aborted.
/// </summary>
internal sealed class StorageMetrics
{
    public const string MeterName = NatakTelemetryNames.Assets;
    public const string ModeTag = "natak.upload.mode";
    public const string OperationTag = "natak.r2.operation";
    public const string KeyTag = "natak.r2.key";

    private static readonly ActivitySource Source = new(NatakTelemetryNames.Assets);

    private readonly Counter<long> _parts;
    private readonly Counter<long> _bytes;
    private readonly Counter<long> _aborted;

    public StorageMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _parts = meter.CreateCounter<long>("natak.storage.upload.parts", "{part}", "PUT requests carrying object bytes (single PUTs and multipart parts).");
        _bytes = meter.CreateCounter<long>("natak.storage.upload.bytes", "By", "Bytes of objects stored.");
        _aborted = meter.CreateCounter<long>("natak.storage.upload.aborted", "{upload}", "Multipart uploads abandoned after a failure.");
    }

    /// <summary>The span of one R2 operation (<c>put</c>, <c>copy</c>, <c>get</c>, <c>head</c>, <c>verify</c>, <c>delete</c>, <c>delete-prefix</c>) on a key or prefix.</summary>
    public static Activity? Start(string operation, string key)
    {
        var activity = Source.StartActivity("r2 " + operation, ActivityKind.Client);
        activity?.SetTag(OperationTag, operation);
        activity?.SetTag(KeyTag, key);
        return activity;
    }

    public void PartSent(bool multipart) => _parts.Add(1, new KeyValuePair<string, object?>(ModeTag, multipart ? "multipart" : "single"));

    public void Stored(long bytes) => _bytes.Add(bytes);

    public void Aborted() => _aborted.Add(1);
}
