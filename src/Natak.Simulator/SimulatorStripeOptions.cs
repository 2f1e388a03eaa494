namespace Natak.Simulator;

/// <summary>The fake Stripe's start-up settings (section <c>Simulator:Stripe</c>); the webhook URL and secret can be changed at run time.</summary>
public sealed class SimulatorStripeOptions
{
    /// <summary>The development secret the simulator signs with unless told another (the dev host tells Natak the same one).</summary>
    public const string DefaultWebhookSecret = "whsec_natak_simulator_development_secret";

    /// <summary>Where events are delivered (Natak's <c>/api/webhooks/stripe</c>); null: events are created but not delivered.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The endpoint's signing secret (<c>whsec_…</c>), used as the HMAC-SHA256 key as Stripe uses it.</summary>
    public string WebhookSecret { get; set; } = DefaultWebhookSecret;

    /// <summary>The <c>api_version</c> events carry: the version Stripe.net 53 expects.</summary>
    public string ApiVersion { get; set; } = "2026-10-28.endive";

    /// <summary>How long a Checkout Session stays open (Stripe's default: 24 hours).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(24);
}
