namespace Natak.Simulator;

/// <summary>The JSON of <c>GET/PUT /_sim/config</c>; on PUT every property is optional and only the given ones change.</summary>
internal sealed record ConfigDocument
{
    public long? DefaultLatencyMs { get; init; }

    public long? TrainingLatencyMs { get; init; }

    public long? QueueTimeMs { get; init; }

    /// <summary>Per-model latency; on PUT a null value removes the override.</summary>
    public Dictionary<string, long?>? ModelLatencyMs { get; init; }

    public int? ConcurrencyLimit { get; init; }

    public int? WebhookMaxAttempts { get; init; }

    public long? WebhookInitialBackoffMs { get; init; }

    /// <summary>Where Stripe events go; on PUT, an empty string stops delivery.</summary>
    public string? StripeWebhookUrl { get; init; }

    /// <summary>Write-only: the Stripe webhook signing secret (never shown by GET).</summary>
    public string? StripeWebhookSecret { get; init; }

    public static ConfigDocument From(SimulatorControl control) => new()
    {
        DefaultLatencyMs = (long)control.DefaultLatency.TotalMilliseconds,
        TrainingLatencyMs = (long)control.TrainingLatency.TotalMilliseconds,
        QueueTimeMs = (long)control.QueueTime.TotalMilliseconds,
        ModelLatencyMs = control.ModelLatencies.ToDictionary(m => m.Key, m => (long?)m.Value.TotalMilliseconds, StringComparer.Ordinal),
        ConcurrencyLimit = control.ConcurrencyLimit,
        WebhookMaxAttempts = control.WebhookMaxAttempts,
        WebhookInitialBackoffMs = (long)control.WebhookInitialBackoff.TotalMilliseconds,
        StripeWebhookUrl = control.StripeWebhookUrl,
    };

    public void ApplyTo(SimulatorControl control)
    {
        if (DefaultLatencyMs is { } defaultLatency)
        {
            control.DefaultLatency = TimeSpan.FromMilliseconds(defaultLatency);
        }

        if (TrainingLatencyMs is { } training)
        {
            control.TrainingLatency = TimeSpan.FromMilliseconds(training);
        }

        if (QueueTimeMs is { } queueTime)
        {
            control.QueueTime = TimeSpan.FromMilliseconds(queueTime);
        }

        foreach (var (model, latency) in ModelLatencyMs ?? [])
        {
            control.SetModelLatency(model, latency is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
        }

        if (ConcurrencyLimit is { } limit)
        {
            control.ConcurrencyLimit = limit;
        }

        if (WebhookMaxAttempts is { } attempts)
        {
            control.WebhookMaxAttempts = attempts;
        }

        if (WebhookInitialBackoffMs is { } backoff)
        {
            control.WebhookInitialBackoff = TimeSpan.FromMilliseconds(backoff);
        }

        if (StripeWebhookUrl is { } url)
        {
            control.StripeWebhookUrl = url.Length == 0 ? null : url;
        }

        if (StripeWebhookSecret is { } secret)
        {
            control.StripeWebhookSecret = secret;
        }
    }
}
