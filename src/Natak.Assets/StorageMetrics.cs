using System.Diagnostics.Metrics;

namespace Natak.Assets;

/// <summary>Upload telemetry (meter <c>Natak.Assets</c>): parts sent by mode, bytes stored, multipart uploads aborted.</summary>
internal sealed class StorageMetrics
{
    public const string MeterName = "Natak.Assets";
    public const string ModeTag = "natak.upload.mode";

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

    public void PartSent(bool multipart) => _parts.Add(1, new KeyValuePair<string, object?>(ModeTag, multipart ? "multipart" : "single"));

    public void Stored(long bytes) => _bytes.Add(bytes);

    public void Aborted() => _aborted.Add(1);
}
