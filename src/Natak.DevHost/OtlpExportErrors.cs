using System.Diagnostics.Tracing;
using System.Globalization;

namespace Natak.DevHost;

/// <summary>
/// Prints the OTLP exporter's failures (it reports them only through its EventSource): with the collector down the
/// dev host keeps running and says so, once and then at most once a minute, instead of failing silently.
/// </summary>
internal sealed partial class OtlpExportErrors(ILogger<OtlpExportErrors> logger, TimeProvider time) : EventListener
{
    private const string ExporterSource = "OpenTelemetry-Exporter-OpenTelemetryProtocol";
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private DateTimeOffset _lastLogged = DateTimeOffset.MinValue;
    private int _suppressed;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == ExporterSource)
        {
            EnableEvents(eventSource, EventLevel.Warning);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventSource.Name != ExporterSource || eventData.Level > EventLevel.Warning)
        {
            return;
        }

        int suppressed;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now - _lastLogged < Quiet)
            {
                _suppressed++;
                return;
            }

            (_lastLogged, suppressed, _suppressed) = (now, _suppressed, 0);
        }

        var message = eventData.Message is { } format && eventData.Payload is { } payload
            ? string.Format(CultureInfo.InvariantCulture, format, [.. payload])
            : eventData.EventName ?? "unknown error";

        // The exporter appends the whole exception with its stack; its first line says what happened.
        var firstLine = message.Split('\n', 2)[0].TrimEnd();
        LogExportFailed(logger, firstLine, suppressed);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "OpenTelemetry export failed (the host keeps running; is the collector at OTEL_EXPORTER_OTLP_ENDPOINT up?): {Detail} ({Suppressed} similar messages suppressed)")]
    private static partial void LogExportFailed(ILogger logger, string detail, int suppressed);
}
