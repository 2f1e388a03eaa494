using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Natak.Core.Telemetry;

namespace Natak.Providers.Http;

/// <summary>
/// Tracks each provider's circuit from the breaker's own open/close callbacks. Polly only moves an open circuit to
/// half-open when a call is attempted, so "open" here ends when the break duration has elapsed: otherwise a caller
/// that checks health before calling would never send the probe that closes the circuit. The gauge
/// <c>natak.provider.circuit.open</c> reports this view (1 open, 0 closed) per provider.
/// </summary>
internal sealed class ProviderHealth : IProviderHealth
{
    private readonly ConcurrentDictionary<ProviderKind, DateTimeOffset> _openUntil = new();
    private readonly TimeProvider _timeProvider;

    public ProviderHealth(TimeProvider timeProvider, IMeterFactory meterFactory)
    {
        _timeProvider = timeProvider;
        meterFactory.Create(NatakTelemetryNames.Providers).CreateObservableGauge(
            "natak.provider.circuit.open",
            () => Enum.GetValues<ProviderKind>().Select(p => new Measurement<int>(IsCircuitOpen(p) ? 1 : 0, new KeyValuePair<string, object?>(NatakTelemetryNames.Provider, ProvidersTelemetry.Name(p)))),
            "{circuit}",
            "1 while the provider's circuit breaker is open (calls are refused without being sent), else 0.");
    }

    public bool IsCircuitOpen(ProviderKind provider) =>
        _openUntil.TryGetValue(provider, out var until) && _timeProvider.GetUtcNow() < until;

    public void Opened(ProviderKind provider, TimeSpan breakDuration)
    {
        _openUntil[provider] = _timeProvider.GetUtcNow() + breakDuration;
        ProvidersTelemetry.CircuitOpened(provider);
    }

    public void Closed(ProviderKind provider) => _openUntil.TryRemove(provider, out _);
}
