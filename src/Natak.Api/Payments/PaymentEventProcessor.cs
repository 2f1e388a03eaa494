using System.Globalization;
using Microsoft.Extensions.Logging;
using Natak.Api.Money;
using Natak.Core.Pricing;
using Natak.Tables.Payments;

namespace Natak.Api.Payments;

/// <summary>
/// Acts on one verified payment event; every effect is idempotent, so acting twice is harmless (the event store
/// makes it rare). A paid checkout credits the pack through the purchase path (claim + ledger, once per payment
/// intent); refunds and disputes are folded into the payment row and reconciled into take-backs (and a dispute won
/// by the merchant into giving the pack's credits back). Returns what
/// it did, recorded with the event.
/// </summary>
public sealed partial class PaymentEventProcessor(
    CreditIssuer issuer,
    PaymentStore payments,
    PaymentTakeBacks takeBacks,
    PricingCatalog catalog,
    ILogger<PaymentEventProcessor> logger)
{
    public async Task<string> ProcessAsync(string eventId, PaymentEvent payment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payment);
        switch (payment)
        {
            case PaymentEvent.Checkout checkout:
                return await CheckoutAsync(eventId, checkout, cancellationToken);

            case PaymentEvent.Refund { PaymentId: { Length: > 0 } paymentId } refund:
                await payments.UpdateAsync(paymentId, r => r with
                {
                    AmountCents = r.AmountCents > 0 ? r.AmountCents : refund.AmountCents,
                    Currency = r.Currency ?? refund.Currency,
                    RefundedCents = Math.Max(r.RefundedCents, refund.RefundedCents),
                }, cancellationToken);
                return await SettleAsync(paymentId, "refund", cancellationToken);

            case PaymentEvent.Dispute { PaymentId: { Length: > 0 } paymentId } dispute:
                await payments.UpdateAsync(paymentId, r => r with
                {
                    Currency = r.Currency ?? dispute.Currency,
                    DisputedCents = Math.Max(r.DisputedCents, Math.Max(dispute.DisputedCents, 1)),
                }, cancellationToken);
                return await SettleAsync(paymentId, "dispute", cancellationToken);

            case PaymentEvent.DisputeClosed { PaymentId: { Length: > 0 } paymentId, Won: true } closed:
                // Whenever it arrives (even before the dispute's creation): the dispute no longer counts against the pack.
                await payments.UpdateAsync(paymentId, r => r with
                {
                    Currency = r.Currency ?? closed.Currency,
                    DisputedCents = Math.Max(r.DisputedCents, Math.Max(closed.DisputedCents, 1)),
                    DisputeReversed = true,
                }, cancellationToken);
                return await SettleAsync(paymentId, "dispute won", cancellationToken);

            case PaymentEvent.DisputeClosed { Won: false }:
                return "dispute lost: the credits taken back stay taken";

            case PaymentEvent.Refund or PaymentEvent.Dispute or PaymentEvent.DisputeClosed:
                return "ignored: the charge has no payment intent, so it is not a Checkout payment";

            default:
                return "ignored: not an event type Natak acts on";
        }
    }

    private async Task<string> CheckoutAsync(string eventId, PaymentEvent.Checkout checkout, CancellationToken cancellationToken)
    {
        if (checkout.UserId is null)
        {
            return "ignored: not a Natak checkout (no " + PaymentMetadata.UserId + " metadata)";
        }

        if (!checkout.Paid)
        {
            return "ignored: payment_status is not paid yet (checkout.session.async_payment_succeeded follows)";
        }

        var paymentId = checkout.PaymentId!;
        var credits = checkout.Credits ?? catalog.FindPack(checkout.Pack)?.Credits;
        if (!MoneyRules.IsUserId(checkout.UserId) || checkout.Pack is not { Length: > 0 } pack || credits is not { } amount || !MoneyRules.IsOutsideId(paymentId))
        {
            LogUnusable(logger, eventId, checkout.SessionId, paymentId);
            return "not credited: the session's metadata names no valid user and pack; credit it by hand";
        }

        var issue = await issuer.PurchaseAsync(checkout.UserId, pack, amount, paymentId, cancellationToken);
        if (issue is not CreditIssue.Issued issued)
        {
            LogConflict(logger, eventId, paymentId);
            return "not credited: the payment is already credited to another user or pack";
        }

        await payments.UpdateAsync(paymentId, r => r with
        {
            UserId = issued.Claim.UserId,
            Pack = issued.Claim.Detail,
            Credits = issued.Claim.Credits,
            AmountCents = checkout.AmountCents,
            Currency = checkout.Currency,
            PaidUtc = r.PaidUtc ?? checkout.At,
        }, cancellationToken);
        var settled = await SettleAsync(paymentId, "purchase", cancellationToken);
        return (issued.First ? "credited " : "already credited ") + issued.Claim.Credits.ToString(CultureInfo.InvariantCulture) + "; " + settled;
    }

    private async Task<string> SettleAsync(string paymentId, string what, CancellationToken cancellationToken)
    {
        var record = await takeBacks.ReconcileAsync(paymentId, cancellationToken);
        await payments.IndexAsync(paymentId, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"{what} recorded; {record.TakenBack} credits taken back in all");
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Error,
        Message = "Stripe event {EventId}: session {SessionId} (payment {PaymentId}) was paid but its metadata names no valid user and pack; nothing was credited")]
    private static partial void LogUnusable(ILogger logger, string eventId, string sessionId, string? paymentId);

    [LoggerMessage(EventId = 701, Level = LogLevel.Error, Message = "Stripe event {EventId}: payment {PaymentId} is already credited to another user or pack")]
    private static partial void LogConflict(ILogger logger, string eventId, string paymentId);
}
