namespace Natak.Providers;

/// <summary>
/// Tells whether a provider's circuit breaker is open, so a caller can pick another provider before trying
/// (e.g. Kling on WaveSpeed while fal is down). A call made while the circuit is open fails fast with
/// <see cref="ProviderErrorCodes.ProviderUnavailable"/>.
/// </summary>
public interface IProviderHealth
{
    /// <summary>True while the provider's circuit is open (or isolated): calls are refused without reaching it.</summary>
    bool IsCircuitOpen(ProviderKind provider);
}
