using Natak.Api.Money;
using Natak.Tables.Credits;
using Natak.Tables.Payments;

namespace Natak.Api.Payments;

/// <summary>
/// Brings a payment's take-backs in line with what its events reported: the refunded share of the pack
/// (⌈refunded / amount × credits⌉ over the cumulative refunds) or, while a dispute stands, the whole pack. The
/// target grows, except once when a dispute is won (back to the refunded share). Each change is one step recorded
/// on the payment row (If-Match) before its ledger write — a take-back under op key
/// <c>takeback:{paymentId}:{total}</c> (<c>takeback:{paymentId}:r{n}:{total}</c> after the n-th give-back), a give-back
/// as an <c>adjust</c> credit under <c>giveback:{paymentId}:r{n}</c> — and the last recorded step is written again (a
/// no-op once applied) before any new one, so a crash between the two writes is healed by the next event or redelivery. Nothing is
/// taken back before the purchase is in the ledger; the purchase reconciles when it arrives.
/// </summary>
public sealed class PaymentTakeBacks(CreditClaimStore claims, CreditIssuer issuer, ICreditLedger ledger, PaymentStore payments)
{
    private const int MaxAttempts = 20;

    /// <summary>Applies what is owed and returns the payment as it then stands.</summary>
    public async Task<PaymentRecord> ReconcileAsync(string paymentId, CancellationToken cancellationToken = default)
    {
        var claim = await claims.GetAsync(CreditKind.Purchase, paymentId, cancellationToken);
        if (claim is null)
        {
            return await payments.GetAsync(paymentId, cancellationToken) ?? PaymentRecord.New(paymentId);
        }

        // a purchase whose claim exists but whose ledger credit was cut short is completed first
        if (await issuer.PurchaseAsync(claim.UserId, claim.Detail, claim.Credits, paymentId, cancellationToken) is not CreditIssue.Issued)
        {
            throw new InvalidOperationException($"The purchase of payment {paymentId} could not be confirmed in the ledger.");
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var record = await payments.GetAsync(paymentId, cancellationToken) ?? PaymentRecord.New(paymentId);
            await ApplyLastStepAsync(claim, record, cancellationToken);
            var target = record.TakeBackTarget(claim.Credits);
            if (target == record.TakenBack)
            {
                return record;
            }

            // Down only when a dispute was won: the step gives credits back, in a new round of op keys.
            var kind = record.DisputeStands || target < record.TakenBack ? TakeBackKind.Dispute : TakeBackKind.Refund;
            var from = record.TakenBack;
            var stored = await payments.UpdateAsync(paymentId,
                r => r.TakenBack == from
                    ? r with { TakenBackBefore = from, TakenBack = target, LastTakeBack = kind, Reversals = r.Reversals + (target < from ? 1 : 0) }
                    : r,
                cancellationToken);
            if (stored.TakenBackBefore == from && stored.TakenBack == target)
            {
                await ApplyLastStepAsync(claim, stored, cancellationToken);
                return stored;
            }

            // another event's handler recorded a step first: start again from what it recorded
        }

        throw new InvalidOperationException($"The take-backs of payment {paymentId} kept changing under {MaxAttempts} attempts.");
    }

    private async Task ApplyLastStepAsync(CreditClaim claim, PaymentRecord record, CancellationToken cancellationToken)
    {
        var amount = record.TakenBack - record.TakenBackBefore;
        if (amount == 0)
        {
            return;
        }

        string opKey;
        LedgerResult result;
        if (amount > 0)
        {
            opKey = record.Reversals == 0 ? $"takeback:{record.PaymentId}:{record.TakenBack}" : $"takeback:{record.PaymentId}:r{record.Reversals}:{record.TakenBack}";
            result = await ledger.TakeBackAsync(claim.UserId, amount, record.LastTakeBack, opKey, record.PaymentId, claim.Detail, cancellationToken);
        }
        else
        {
            // The dispute was won: what it took beyond the refunded share comes back, once per reversal.
            opKey = $"giveback:{record.PaymentId}:r{record.Reversals}";
            result = await ledger.CreditAsync(claim.UserId, -amount, CreditKind.Adjust, opKey, record.PaymentId, "dispute won: " + claim.Detail, cancellationToken);
        }

        if (result is not LedgerResult.Applied)
        {
            throw new InvalidOperationException($"Moving {amount} credits under {opKey} answered {result}.");
        }
    }
}
