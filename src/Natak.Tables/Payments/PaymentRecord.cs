using Natak.Tables.Credits;

namespace Natak.Tables.Payments;

/// <summary>
/// What Natak knows of one card payment (a Stripe payment intent), folded from the payment provider's events in
/// whatever order they arrive: who bought which pack, what was paid, refunded and disputed, and how many of the
/// pack's credits have been taken back. Amounts are in the currency's minor unit (cents).
/// </summary>
/// <param name="PaymentId">The payment intent id (<c>pi_…</c>); also the purchase's claim id and op key suffix.</param>
/// <param name="UserId">The buyer, once the payment's completion has been seen.</param>
/// <param name="Pack">The pack bought, once the completion has been seen.</param>
/// <param name="Credits">The credits the purchase added (0 until the completion has been seen).</param>
/// <param name="AmountCents">What was charged.</param>
/// <param name="Currency">ISO currency code, lower case (<c>usd</c>).</param>
/// <param name="PaidUtc">When the payment completed; null until the completion has been seen.</param>
/// <param name="RefundedCents">The charge's cumulative refunded amount (the largest reported; refunds only grow).</param>
/// <param name="DisputedCents">The amount disputed (0 when there is no dispute).</param>
/// <param name="TakenBack">Credits whose take-back is recorded (the end of the last take-back step).</param>
/// <param name="TakenBackBefore">Credits taken back before the last step: the last step takes back <c>TakenBack − TakenBackBefore</c>
/// (gives back when negative).</param>
/// <param name="LastTakeBack">Why the last step took credits back.</param>
public sealed record PaymentRecord(
    string PaymentId,
    string? UserId,
    string? Pack,
    long Credits,
    long AmountCents,
    string? Currency,
    DateTimeOffset? PaidUtc,
    long RefundedCents,
    long DisputedCents,
    long TakenBack,
    long TakenBackBefore,
    TakeBackKind LastTakeBack)
{
    /// <summary>
    /// The dispute was closed in the merchant's favour (Stripe's <c>won</c>): the disputed funds came back, so the
    /// dispute no longer counts against the pack.
    /// </summary>
    public bool DisputeReversed { get; init; }

    /// <summary>
    /// How many times the take-backs went down (a won dispute gives credits back). Take-back op keys carry it, so a
    /// total reached again after a give-back is a new ledger operation, not a replay of the old one.
    /// </summary>
    public int Reversals { get; init; }

    /// <summary>The dispute counts against the pack: opened and not closed in the merchant's favour.</summary>
    public bool DisputeStands => DisputedCents > 0 && !DisputeReversed;

    /// <summary>A payment nothing is known of yet.</summary>
    public static PaymentRecord New(string paymentId) => new(paymentId, null, null, 0, 0, null, null, 0, 0, 0, 0, TakeBackKind.Refund);

    /// <summary>The amount lost to a dispute: what it disputed while it stands, nothing once the merchant won it.</summary>
    public long StandingDisputedCents => DisputeStands ? DisputedCents : 0;

    /// <summary>What the payment is still worth: the charge less refunds and a standing dispute's amount, never below zero.</summary>
    public long NetCents => Math.Max(0, AmountCents - RefundedCents - StandingDisputedCents);

    /// <summary>
    /// How many of <paramref name="credits"/> must be taken back in all: the whole pack while a dispute stands, else
    /// the refunded share rounded up (⌈refunded / amount × credits⌉), so cumulative refunds are counted once each.
    /// A dispute won by the merchant stops counting, so the target can go down once.
    /// </summary>
    public long TakeBackTarget(long credits)
    {
        if (DisputeStands)
        {
            return credits;
        }

        if (AmountCents <= 0 || RefundedCents <= 0)
        {
            return 0;
        }

        var refunded = Math.Min(RefundedCents, AmountCents);
        var share = (((Int128)refunded * credits) + AmountCents - 1) / AmountCents;
        return (long)share;
    }
}
