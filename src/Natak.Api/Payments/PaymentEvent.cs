namespace Natak.Api.Payments;

/// <summary>What a verified Stripe event means for Natak, read from its snapshot object.</summary>
public abstract record PaymentEvent
{
    private PaymentEvent()
    {
    }

    /// <summary>A Checkout Session completed (or its delayed payment succeeded). <see cref="Paid"/> false: nothing to credit yet.</summary>
    /// <param name="SessionId">The Checkout Session (<c>cs_…</c>).</param>
    /// <param name="PaymentId">Its payment intent (<c>pi_…</c>): the key the pack is credited under.</param>
    /// <param name="Paid">The session's <c>payment_status</c> is <c>paid</c>.</param>
    /// <param name="UserId">From the session's metadata; null when the session is not Natak's.</param>
    /// <param name="Pack">From the session's metadata.</param>
    /// <param name="Credits">The credits sold, from the metadata (null: take the catalogue's).</param>
    /// <param name="AmountCents">The session's <c>amount_total</c>.</param>
    /// <param name="Currency">The session's currency.</param>
    /// <param name="At">When Stripe created the event.</param>
    public sealed record Checkout(string SessionId, string? PaymentId, bool Paid, string? UserId, string? Pack, long? Credits, long AmountCents, string? Currency, DateTimeOffset At)
        : PaymentEvent;

    /// <summary><c>charge.refunded</c>: <see cref="RefundedCents"/> is the charge's cumulative <c>amount_refunded</c>.</summary>
    public sealed record Refund(string? PaymentId, long AmountCents, long RefundedCents, string? Currency) : PaymentEvent;

    /// <summary><c>charge.dispute.created</c>.</summary>
    public sealed record Dispute(string? PaymentId, long DisputedCents, string? Currency) : PaymentEvent;

    /// <summary>
    /// <c>charge.dispute.closed</c>: <see cref="Won"/> when the merchant won it (Stripe's <c>won</c>, or an inquiry
    /// closed as <c>warning_closed</c>) and the funds are Natak's again; a lost dispute changes nothing.
    /// </summary>
    public sealed record DisputeClosed(string? PaymentId, long DisputedCents, bool Won, string? Currency) : PaymentEvent;

    /// <summary>An event type Natak does not act on; acknowledged and recorded.</summary>
    public sealed record Other : PaymentEvent;
}
