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
/// <param name="TakenBackBefore">Credits taken back before the last step: the last step takes back <c>TakenBack − TakenBackBefore</c>.</param>
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
    /// <summary>A payment nothing is known of yet.</summary>
    public static PaymentRecord New(string paymentId) => new(paymentId, null, null, 0, 0, null, null, 0, 0, 0, 0, TakeBackKind.Refund);

    /// <summary>What the payment is still worth: the charge less refunds and the disputed amount, never below zero.</summary>
    public long NetCents => Math.Max(0, AmountCents - RefundedCents - DisputedCents);

    /// <summary>
    /// How many of <paramref name="credits"/> must be taken back in all: the whole pack once disputed, else the
    /// refunded share rounded up (⌈refunded / amount × credits⌉), so cumulative refunds are counted once each.
    /// </summary>
    public long TakeBackTarget(long credits)
    {
        if (DisputedCents > 0)
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
