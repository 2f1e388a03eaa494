using System.Diagnostics;
using System.Diagnostics.Metrics;
using Natak.Core.Telemetry;

namespace Natak.Providers;

/// <summary>
/// Provider calls as spans (one per client call: submit, status, result, cancel, chat, key fetch; the HTTP client's
/// own span is its child) and the meter <c>Natak.Providers</c>: call duration, errors by code, circuit openings.
/// The circuit's current state is a gauge of <see cref="Http.ProviderHealth"/>.
/// </summary>
internal static class ProvidersTelemetry
{
    public static readonly ActivitySource Source = new(NatakTelemetryNames.Providers);

    private static readonly Meter Meter = new(NatakTelemetryNames.Providers);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "natak.provider.call.duration", "s", "Provider HTTP calls (retries included) by provider and operation.");

    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "natak.provider.errors", "{error}", "Failed provider calls by provider and error code (ProviderErrorCodes).");

    private static readonly Counter<long> CircuitOpenings = Meter.CreateCounter<long>(
        "natak.provider.circuit.opened", "{opening}", "Times a provider's circuit breaker opened.");

    /// <summary>Starts the span of one call; dispose it when the call is done.</summary>
    public static Call Start(ProviderKind provider, string operation, string? model, string? requestId = null)
    {
        var activity = Source.StartActivity($"{Name(provider)} {operation}", ActivityKind.Client);
        activity?.SetTag(NatakTelemetryNames.Provider, Name(provider));
        activity?.SetTag(NatakTelemetryNames.ProviderOperation, operation);
        activity?.SetTag(NatakTelemetryNames.Model, model);
        activity?.SetTag(NatakTelemetryNames.ProviderRequestId, requestId);
        return new Call(activity, provider, operation, Stopwatch.GetTimestamp());
    }

    /// <summary>Counts a failure and marks the call's span (the current one) failed.</summary>
    public static void Failed(ProviderFailure failure)
    {
        Errors.Add(1, new(NatakTelemetryNames.Provider, Name(failure.Provider)), new(NatakTelemetryNames.ErrorCode, failure.Code));
        if (Activity.Current is { } span && span.Source == Source)
        {
            span.SetTag(NatakTelemetryNames.ErrorCode, failure.Code);
            span.SetStatus(ActivityStatusCode.Error, failure.Code);
        }
    }

    public static void CircuitOpened(ProviderKind provider) =>
        CircuitOpenings.Add(1, new KeyValuePair<string, object?>(NatakTelemetryNames.Provider, Name(provider)));

    /// <summary>The provider as the catalogue and the metrics spell it.</summary>
    public static string Name(ProviderKind provider) => provider switch
    {
        ProviderKind.Fal => "fal",
        ProviderKind.WaveSpeed => "wavespeed",
        _ => "xai",
    };

    /// <summary>One provider call in progress.</summary>
    internal readonly struct Call(Activity? activity, ProviderKind provider, string operation, long started) : IDisposable
    {
        public void RequestId(string? requestId) => activity?.SetTag(NatakTelemetryNames.ProviderRequestId, requestId);

        public void Dispose()
        {
            Duration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new(NatakTelemetryNames.Provider, Name(provider)),
                new(NatakTelemetryNames.ProviderOperation, operation));
            activity?.Dispose();
        }
    }
}
