using Natak.Tables.Payments;

namespace Natak.Api.Money;

/// <summary>
/// Revenue from real card payments made in the report's period, in the amounts Stripe reported: what was charged
/// (<see cref="GrossUsd"/>), refunded and lost to disputes since (a dispute won counts nothing), and what remains (<see cref="NetUsd"/>). Beside it the
/// cost rows keep their estimate at each pack's price per credit.
/// </summary>
public sealed record PaymentRevenue(long Payments, decimal GrossUsd, decimal RefundedUsd, decimal DisputedUsd, decimal NetUsd)
{
    private const string Currency = "usd";

    /// <summary>Sums the USD payments (Natak sells only in USD; any other currency is left out).</summary>
    public static PaymentRevenue From(IEnumerable<PaymentRecord> payments)
    {
        ArgumentNullException.ThrowIfNull(payments);
        long count = 0, gross = 0, refunded = 0, disputed = 0, net = 0;
        foreach (var p in payments.Where(p => string.Equals(p.Currency, Currency, StringComparison.OrdinalIgnoreCase)))
        {
            count++;
            gross += p.AmountCents;
            refunded += Math.Min(p.RefundedCents, p.AmountCents);
            disputed += Math.Min(p.StandingDisputedCents, p.AmountCents - Math.Min(p.RefundedCents, p.AmountCents));
            net += p.NetCents;
        }

        return new PaymentRevenue(count, Usd(gross), Usd(refunded), Usd(disputed), Usd(net));
    }

    private static decimal Usd(long cents) => cents / 100m;
}
