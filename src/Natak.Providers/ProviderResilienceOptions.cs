namespace Natak.Providers;

/// <summary>
/// Timeouts, retries and the circuit breaker of one provider's HTTP client. Retries apply only to idempotent
/// requests (status/result GETs, cancel); a billable POST is sent once.
/// </summary>
public sealed class ProviderResilienceOptions
{
    /// <summary>Deadline for one HTTP attempt. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deadline for a call including its retries. Default 2 min.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries of an idempotent request after a 408/429/5xx, a network error or an attempt timeout. 0 disables. Default 4.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>Base of the jittered exponential back-off. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Share of failed attempts (5xx, network errors, timeouts) in the sampling window that opens the circuit. Default 0.5.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed in the sampling window before the circuit may open. Default 10.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>Window over which failures are counted. Default 30 s.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one probe is let through. Default 30 s.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
