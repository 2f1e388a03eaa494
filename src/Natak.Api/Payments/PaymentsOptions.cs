namespace Natak.Api.Payments;

/// <summary>
/// Card payments through Stripe Checkout, bound from <c>Payments</c>. The secret key falls back to
/// <c>STRIPE_SECRET_KEY</c> and the webhook signing secret to <c>STRIPE_WEBHOOK_SECRET</c> (Key Vault references in
/// Azure). Validated at start-up (<see cref="PaymentsOptionsValidator"/>).
/// </summary>
public sealed class PaymentsOptions
{
    public const string SectionName = "Payments";

    /// <summary>The environment variable that may carry <see cref="StripeSecretKey"/>.</summary>
    public const string SecretKeyVariable = "STRIPE_SECRET_KEY";

    /// <summary>The environment variable that may carry <see cref="StripeWebhookSecret"/>.</summary>
    public const string WebhookSecretVariable = "STRIPE_WEBHOOK_SECRET";

    /// <summary>The key sent to a loopback simulator when no secret key is configured.</summary>
    public const string LocalPlaceholderKey = "sk_test_natak_local_simulator";

    /// <summary>The webhook secret the dev host shares with its simulator; refused outside Development.</summary>
    public const string DevelopmentWebhookSecret = "whsec_natak_development_only_not_a_secret";

    /// <summary>How old a signed webhook may be (Stripe's own tolerance, 300 s).</summary>
    public const long SignatureToleranceSeconds = 300;

    /// <summary>Where Stripe sends the buyer after paying; <c>{CHECKOUT_SESSION_ID}</c> is replaced by the session id.</summary>
    public string SuccessUrl { get; set; } = "";

    /// <summary>Where Stripe sends the buyer who backs out.</summary>
    public string CancelUrl { get; set; } = "";

    /// <summary>Stripe's API host; the simulator's <c>{sim}/stripe</c> stands in locally.</summary>
    public Uri StripeApiBase { get; set; } = new("https://api.stripe.com");

    /// <summary>The secret (<c>sk_…</c>) or restricted (<c>rk_…</c>) API key. May be empty only against a loopback simulator.</summary>
    public string StripeSecretKey { get; set; } = "";

    /// <summary>The webhook endpoint's signing secret (<c>whsec_…</c>).</summary>
    public string StripeWebhookSecret { get; set; } = "";

    /// <summary>How long one delivery of an event holds it before another delivery may act on it (a handler that died).</summary>
    public TimeSpan EventLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a concurrent delivery of an event being handled waits for the outcome before answering 409.</summary>
    public TimeSpan EventWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The key to send: the configured one, or the placeholder against a loopback simulator.</summary>
    internal string EffectiveSecretKey => StripeSecretKey.Length > 0 ? StripeSecretKey : LocalPlaceholderKey;
}
