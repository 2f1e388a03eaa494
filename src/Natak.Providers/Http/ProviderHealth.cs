using System.Collections.Concurrent;

namespace Natak.Providers.Http;

/// <summary>
/// Tracks each provider's circuit from the breaker's own open/close callbacks. Polly only moves an open circuit to
/// half-open when a call is attempted, so "open" here ends when the break duration has elapsed: otherwise a caller
/// that checks health before calling would never send the probe that closes the circuit.
/// </summary>
internal sealed class ProviderHealth(TimeProvider timeProvider) : IProviderHealth
{
    private readonly ConcurrentDictionary<ProviderKind, DateTimeOffset> _openUntil = new();

    public bool IsCircuitOpen(ProviderKind provider) =>
        _openUntil.TryGetValue(provider, out var until) && timeProvider.GetUtcNow() < until;

    public void Opened(ProviderKind provider, TimeSpan breakDuration) =>
        _openUntil[provider] = timeProvider.GetUtcNow() + breakDuration;

    public void Closed(ProviderKind provider) => _openUntil.TryRemove(provider, out _);
}
