using Natak.Tables.Payments;

namespace Natak.Tables.Tests;

public sealed class PaymentRecordTests
{
    [Theory]
    [InlineData(2000, 0, 0, 500, 0)]
    [InlineData(2000, 667, 0, 500, 167)]     // ⌈166.75⌉
    [InlineData(2000, 1167, 0, 500, 292)]    // cumulative: ⌈291.75⌉, not 167 + ⌈125⌉ + …
    [InlineData(2000, 1, 0, 500, 1)]         // any refund takes at least a credit back
    [InlineData(2000, 2000, 0, 500, 500)]
    [InlineData(2000, 5000, 0, 500, 500)]    // never more than the pack
    [InlineData(2000, 700, 1300, 500, 500)]  // a dispute takes the whole pack
    [InlineData(0, 700, 0, 500, 0)]          // amount not known yet: nothing to share
    [InlineData(6000, 3000, 0, 2000, 1000)]
    public void The_take_back_target_is_the_refunded_share_rounded_up_or_the_whole_pack_once_disputed(long amount, long refunded, long disputed, long credits, long expected)
    {
        var record = PaymentRecord.New("pi_1") with { AmountCents = amount, RefundedCents = refunded, DisputedCents = disputed };

        Assert.Equal(expected, record.TakeBackTarget(credits));
    }

    [Fact]
    public void Net_is_what_is_left_after_refunds_and_disputes_never_below_zero()
    {
        var record = PaymentRecord.New("pi_1") with { AmountCents = 2000, RefundedCents = 500, DisputedCents = 1500 };

        Assert.Equal(0, record.NetCents);
        Assert.Equal(1500, (record with { DisputedCents = 0 }).NetCents);
    }

    [Fact]
    public void A_dispute_won_stops_counting_the_target_falls_back_to_the_refunded_share_and_net_keeps_the_disputed_amount()
    {
        var disputed = PaymentRecord.New("pi_1") with { AmountCents = 2000, RefundedCents = 667, DisputedCents = 1333 };
        var won = disputed with { DisputeReversed = true };

        Assert.Equal((500L, 0L, true), (disputed.TakeBackTarget(500), disputed.NetCents, disputed.DisputeStands));
        Assert.Equal((167L, 1333L, false), (won.TakeBackTarget(500), won.NetCents, won.DisputeStands));
    }
}
