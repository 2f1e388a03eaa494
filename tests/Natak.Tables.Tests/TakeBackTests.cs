using Natak.Tables.Credits;

namespace Natak.Tables.Tests;

public sealed class TakeBackTests
{
    private const string User = "user-1";

    [Fact]
    public async Task A_take_back_may_push_the_balance_below_zero_and_the_journal_shows_it()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        await ctx.Ledger.CreditAsync(User, 100, CreditKind.Purchase, "purchase:pi_1", "pi_1", "starter");
        await ctx.Ledger.ReserveAsync(User, "h1", 30, "job1", LedgerTestContext.InAnHour, "hold:job1");
        await ctx.Ledger.CaptureAsync(User, "h1", 30, "capture:job1");

        var result = await ctx.Ledger.TakeBackAsync(User, 100, TakeBackKind.Dispute, "takeback:pi_1:100", "pi_1", "starter");

        var receipt = Assert.IsType<LedgerResult.Applied>(result).Receipt;
        Assert.Equal((JournalKind.Dispute, 100L), (receipt.Kind, receipt.Amount));
        var balance = await ctx.Ledger.GetBalanceAsync(User);
        Assert.Equal((-30L, 0L, -30L), (balance.Balance, balance.Reserved, balance.Available));
        var entry = (await ctx.Ledger.GetEntriesAsync(User, 10)).Entries[0];
        Assert.Equal((JournalKind.Dispute, 100L, "pi_1", "starter", -30L, -30L), (entry.Kind, entry.Amount, entry.ExtRef, entry.Reason, entry.BalanceAfter, entry.AvailableAfter));
        await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
    }

    [Fact]
    public async Task A_negative_balance_refuses_every_new_hold_but_a_hold_taken_before_still_captures()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        await ctx.FundAsync(User, 10);
        await ctx.Ledger.ReserveAsync(User, "running", 4, "job1", LedgerTestContext.InAnHour, "hold:job1");
        await ctx.Ledger.TakeBackAsync(User, 10, TakeBackKind.Refund, "takeback:pi_2:10", "pi_2");

        var refused = await ctx.Ledger.ReserveAsync(User, "next", 1, "job2", LedgerTestContext.InAnHour, "hold:job2");
        var captured = await ctx.Ledger.CaptureAsync(User, "running", 4, "capture:job1");

        Assert.Equal(new LedgerResult.InsufficientCredits(1, -4), refused);
        Assert.True(captured.IsApplied);
        var balance = await ctx.Ledger.GetBalanceAsync(User);
        Assert.Equal((-4L, 0L, -4L), (balance.Balance, balance.Reserved, balance.Available));
        Assert.Null(await ctx.Ledger.GetHoldAsync(User, "next"));

        await ctx.FundAsync(User, 5);
        Assert.True((await ctx.Ledger.ReserveAsync(User, "next", 1, "job2", LedgerTestContext.InAnHour, "hold:job2")).IsApplied);
        await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
    }

    [Fact]
    public async Task A_repeated_take_back_is_applied_once_and_another_amount_under_its_key_is_a_conflict()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        await ctx.FundAsync(User, 50);

        var first = await ctx.Ledger.TakeBackAsync(User, 20, TakeBackKind.Refund, "takeback:pi_3:20", "pi_3");
        var again = await ctx.Ledger.TakeBackAsync(User, 20, TakeBackKind.Refund, "takeback:pi_3:20", "pi_3");
        var other = await ctx.Ledger.TakeBackAsync(User, 25, TakeBackKind.Refund, "takeback:pi_3:20", "pi_3");

        Assert.Equal(first, again);
        Assert.IsType<LedgerResult.IdempotencyConflict>(other);
        Assert.Equal(30L, (await ctx.Ledger.GetBalanceAsync(User)).Balance);
    }
}
