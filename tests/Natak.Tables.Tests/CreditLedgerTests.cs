using Natak.Tables.Credits;
using Natak.Tables.Jobs;

namespace Natak.Tables.Tests;

public sealed class CreditLedgerTests
{
    private const string User = "user-1";

    [Fact]
    public async Task A_purchase_credits_the_amount_and_journals_it()
    {
        var ctx = await LedgerTestContext.CreateAsync();

        var result = await ctx.Ledger.CreditAsync(User, 500, CreditKind.Purchase, "purchase:pay_1", "pay_1", "pro pack");

        var receipt = Assert.IsType<LedgerResult.Applied>(result).Receipt;
        Assert.Equal(new AccountBalance(500, 0, 0, 1), receipt.BalanceAfter);
        Assert.Equal((JournalKind.Purchase, 500L, 1L), (receipt.Kind, receipt.Amount, receipt.Seq));
        Assert.Equal(receipt.BalanceAfter, await ctx.Ledger.GetBalanceAsync(User));
        var entry = Assert.Single((await ctx.Ledger.GetEntriesAsync(User, 10)).Entries);
        Assert.Equal((1L, JournalKind.Purchase, 500L, "purchase:pay_1", "pay_1", "pro pack", 500L, 500L),
            (entry.Seq, entry.Kind, entry.Amount, entry.OpKey, entry.ExtRef, entry.Reason, entry.BalanceAfter, entry.AvailableAfter));
        await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
    }

    [Fact]
    public async Task An_account_never_written_has_a_zero_balance()
    {
        var ctx = await LedgerTestContext.CreateAsync();

        var balance = await ctx.Ledger.GetBalanceAsync("nobody");

        Assert.Equal(AccountBalance.Empty, balance);
        Assert.Equal((0L, 0L, 0L), (balance.Balance, balance.Reserved, balance.Available));
        Assert.Empty((await ctx.Ledger.GetEntriesAsync("nobody", 10)).Entries);
    }

    [Fact]
    public async Task A_reservation_holds_credits_against_the_available_balance()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        await ctx.FundAsync(User, 10);

        var result = await ctx.Ledger.ReserveAsync(User, "job1:image", 4, "job1", LedgerTestContext.InAnHour, "hold:job1:image");

        Assert.True(result.IsApplied);
        var balance = await ctx.Ledger.GetBalanceAsync(User);
        Assert.Equal((10L, 4L, 6L), (balance.Balance, balance.Reserved, balance.Available));
        var hold = await ctx.Ledger.GetHoldAsync(User, "job1:image");
        Assert.Equal((HoldStatus.Pending, 4L, 0L, "job1"), (hold!.Status, hold.Amount, hold.Captured, hold.JobId));
    }

    [Fact]
    public async Task Reserve_fails_when_the_available_balance_is_short_and_records_nothing()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        await ctx.FundAsync(User, 10);
        await ctx.Ledger.ReserveAsync(User, "h1", 7, "job1", LedgerTestContext.InAnHour, "hold:job1:a");

        var result = await ctx.Ledger.ReserveAsync(User, "h2", 4, "job2", LedgerTestContext.InAnHour, "hold:job2:a");

        Assert.Equal(new LedgerResult.InsufficientCredits(Required: 4, Available: 3), result);
        Assert.Null(await ctx.Ledger.GetHoldAsync(User, "h2"));
        Assert.False((await ctx.LedgerTable.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("u|" + User, "K|hold:job2:a")).HasValue);
        Assert.Equal(2, (await ctx.Ledger.GetBalanceAsync(User)).Seq);
    }

    [Fact]
    public async Task After_insufficient_credits_a_top_up_lets_the_same_hold_key_succeed()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        await ctx.FundAsync(User, 2);
        var expires = LedgerTestContext.InAnHour;

        var first = await ctx.Ledger.ReserveAsync(User, "h1", 5, "job1", expires, "hold:job1:a");
        await ctx.Ledger.CreditAsync(User, 100, CreditKind.Purchase, "purchase:pay_2", "pay_2");
        var second = await ctx.Ledger.ReserveAsync(User, "h1", 5, "job1", expires, "hold:job1:a");

        Assert.IsType<LedgerResult.InsufficientCredits>(first);
        Assert.True(second.IsApplied);
        Assert.Equal(97, (await ctx.Ledger.GetBalanceAsync(User)).Available);
        await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
    }

    [Fact]
    public async Task Capturing_3_of_4_spends_3_and_releases_1_in_the_same_transaction()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        await ctx.FundAsync(User, 10);
        await ctx.Ledger.ReserveAsync(User, "job1:images", 4, "job1", LedgerTestContext.InAnHour, "hold:job1:images");

        var result = await ctx.Ledger.CaptureAsync(User, "job1:images", 3, "capture:job1:images", "fal-req-1");

        var receipt = Assert.IsType<LedgerResult.Applied>(result).Receipt;
        Assert.Equal((JournalKind.Capture, 3L, 1L), (receipt.Kind, receipt.Amount, receipt.Released));
        Assert.Equal(new AccountBalance(10, 3, 0, 4), receipt.BalanceAfter);
        Assert.Equal((7L, 0L, 7L), (receipt.BalanceAfter.Balance, receipt.BalanceAfter.Reserved, receipt.BalanceAfter.Available));
        var newest = (await ctx.Ledger.GetEntriesAsync(User, 2)).Entries;
        Assert.Equal([(4L, JournalKind.Release, 1L), (3L, JournalKind.Capture, 3L)], newest.Select(e => (e.Seq, e.Kind, e.Amount)));
        Assert.All(newest, e => Assert.Equal(("capture:job1:images", "fal-req-1"), (e.OpKey, e.ExtRef)));
        var hold = await ctx.Ledger.GetHoldAsync(User, "job1:images");
        Assert.Equal((HoldStatus.Captured, 3L, "capture:job1:images"), (hold!.Status, hold.Captured, hold.ClosedBy));
        await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
    }

    [Fact]
    public async Task A_capture_may_not_exceed_its_hold()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        await ctx.FundAsync(User, 10);
        await ctx.Ledger.ReserveAsync(User, "h1", 4, "job1", LedgerTestContext.InAnHour, "hold:job1:a");

        var result = await ctx.Ledger.CaptureAsync(User, "h1", 5, "capture:job1:a");

        Assert.Equal(new LedgerResult.CaptureExceedsHold("h1", Reserved: 4, Requested: 5), result);
        Assert.Equal(HoldStatus.Pending, (await ctx.Ledger.GetHoldAsync(User, "h1"))!.Status);
        Assert.Equal(new AccountBalance(10, 0, 4, 2), await ctx.Ledger.GetBalanceAsync(User));
    }

    [Fact]
    public async Task Releasing_gives_the_whole_hold_back()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        await ctx.FundAsync(User, 10);
        await ctx.Ledger.ReserveAsync(User, "h1", 6, "job1", LedgerTestContext.InAnHour, "hold:job1:a");

        var receipt = Assert.IsType<LedgerResult.Applied>(await ctx.Ledger.ReleaseAsync(User, "h1", "release:job1:a")).Receipt;

        Assert.Equal((JournalKind.Release, 0L, 6L), (receipt.Kind, receipt.Amount, receipt.Released));
        Assert.Equal(new AccountBalance(10, 0, 0, 3), receipt.BalanceAfter);
        Assert.Equal(HoldStatus.Released, (await ctx.Ledger.GetHoldAsync(User, "h1"))!.Status);
        await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
    }

    [Fact]
    public async Task Settling_a_hold_that_does_not_exist_is_hold_not_found()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        await ctx.FundAsync(User, 10);

        Assert.Equal(new LedgerResult.HoldNotFound("missing"), await ctx.Ledger.CaptureAsync(User, "missing", 1, "capture:x"));
        Assert.Equal(new LedgerResult.HoldNotFound("missing"), await ctx.Ledger.ReleaseAsync(User, "missing", "release:x"));
        Assert.Equal(1, (await ctx.Ledger.GetBalanceAsync(User)).Seq);
    }

    [Fact]
    public async Task A_hold_ends_in_exactly_one_terminal_state()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        await ctx.FundAsync(User, 10);
        await ctx.Ledger.ReserveAsync(User, "h1", 4, "job1", LedgerTestContext.InAnHour, "hold:job1:a");
        var capture = await ctx.Ledger.CaptureAsync(User, "h1", 4, "capture:job1:a");

        var release = await ctx.Ledger.ReleaseAsync(User, "h1", "release:job1:a");
        var expire = await ctx.Ledger.ExpireAsync(User, "h1", "expire:h1");
        var otherCapture = await ctx.Ledger.CaptureAsync(User, "h1", 2, "capture:job1:again");

        Assert.True(capture.IsApplied);
        Assert.All([release, expire, otherCapture], r => Assert.Equal(HoldStatus.Captured, Assert.IsType<LedgerResult.HoldConflict>(r).Hold.Status));
        Assert.Equal(new AccountBalance(10, 4, 0, 3), await ctx.Ledger.GetBalanceAsync(User));
        await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
    }

    [Fact]
    public async Task Ending_a_hold_again_the_same_way_under_another_key_answers_with_the_first_receipt()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        await ctx.FundAsync(User, 10);
        await ctx.Ledger.ReserveAsync(User, "h1", 4, "job1", LedgerTestContext.InAnHour, "hold:job1:a");
        var first = await ctx.Ledger.ReleaseAsync(User, "h1", "release:job1:a");

        var again = await ctx.Ledger.ReleaseAsync(User, "h1", "release:job1:compensation");

        Assert.Equal(first, again);
        Assert.Equal(3, (await ctx.Ledger.GetBalanceAsync(User)).Seq);
    }

    [Fact]
    public async Task A_hold_id_cannot_be_reserved_twice()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        await ctx.FundAsync(User, 10);
        await ctx.Ledger.ReserveAsync(User, "h1", 4, "job1", LedgerTestContext.InAnHour, "hold:job1:a");

        var second = await ctx.Ledger.ReserveAsync(User, "h1", 4, "job1", LedgerTestContext.InAnHour, "hold:job1:b");

        Assert.Equal(4, Assert.IsType<LedgerResult.HoldConflict>(second).Hold.Amount);
        Assert.Equal(4, (await ctx.Ledger.GetBalanceAsync(User)).Reserved);
    }

    [Fact]
    public async Task The_same_key_and_request_returns_the_same_result_and_changes_nothing()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        var credit1 = await ctx.Ledger.CreditAsync(User, 10, CreditKind.Purchase, "purchase:p1", "p1");
        var credit2 = await ctx.Ledger.CreditAsync(User, 10, CreditKind.Purchase, "purchase:p1", "p1", "a different note does not matter");
        var hold1 = await ctx.Ledger.ReserveAsync(User, "h1", 4, "job1", LedgerTestContext.InAnHour, "hold:job1:a");
        var hold2 = await ctx.Ledger.ReserveAsync(User, "h1", 4, "job1", LedgerTestContext.InAnHour.AddMinutes(5), "hold:job1:a");
        var capture1 = await ctx.Ledger.CaptureAsync(User, "h1", 3, "capture:job1:a");
        var before = await ctx.Ledger.GetBalanceAsync(User);
        var capture2 = await ctx.Ledger.CaptureAsync(User, "h1", 3, "capture:job1:a");

        Assert.Equal(credit1, credit2);
        Assert.Equal(hold1, hold2);
        Assert.Equal(capture1, capture2);
        Assert.Equal(before, await ctx.Ledger.GetBalanceAsync(User));
        Assert.Equal(new AccountBalance(10, 3, 0, 4), before);
        await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
    }

    [Fact]
    public async Task The_same_key_with_a_different_request_is_an_idempotency_conflict()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        await ctx.Ledger.CreditAsync(User, 10, CreditKind.Purchase, "purchase:p1", "p1");
        await ctx.Ledger.ReserveAsync(User, "h1", 4, "job1", LedgerTestContext.InAnHour, "hold:job1:a");
        var before = await ctx.Ledger.GetBalanceAsync(User);

        LedgerResult[] results =
        [
            await ctx.Ledger.CreditAsync(User, 11, CreditKind.Purchase, "purchase:p1", "p1"),
            await ctx.Ledger.CreditAsync(User, 10, CreditKind.Grant, "purchase:p1", "p1"),
            await ctx.Ledger.ReserveAsync(User, "h1", 5, "job1", LedgerTestContext.InAnHour, "hold:job1:a"),
            await ctx.Ledger.ReserveAsync(User, "h2", 4, "job1", LedgerTestContext.InAnHour, "hold:job1:a"),
            await ctx.Ledger.ReleaseAsync(User, "h1", "purchase:p1"),
        ];

        Assert.All(results, r => Assert.IsType<LedgerResult.IdempotencyConflict>(r));
        Assert.Equal(before, await ctx.Ledger.GetBalanceAsync(User));
    }

    [Fact]
    public async Task The_journal_pages_newest_first_with_an_opaque_cursor()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        for (var i = 1; i <= 7; i++)
        {
            await ctx.Ledger.CreditAsync(User, i, CreditKind.Grant, $"grant:{i}", $"g{i}");
        }

        var pages = new List<JournalPage>();
        string? cursor = null;
        do
        {
            var page = await ctx.Ledger.GetEntriesAsync(User, 3, cursor);
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal([3, 3, 1], pages.Select(p => p.Entries.Count));
        Assert.Equal([7L, 6, 5, 4, 3, 2, 1], pages.SelectMany(p => p.Entries).Select(e => e.Seq));
        Assert.Equal([7L, 6, 5, 4, 3, 2, 1], pages.SelectMany(p => p.Entries).Select(e => e.Amount));
        await Assert.ThrowsAsync<InvalidCursorException>(() => ctx.Ledger.GetEntriesAsync(User, 3, "not-a-cursor"));
    }

    [Fact]
    public async Task Keys_the_table_service_cannot_store_are_refused_up_front()
    {
        var ctx = await LedgerTestContext.CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => ctx.Ledger.CreditAsync("a/b", 1, CreditKind.Grant, "grant:1", "g"));
        await Assert.ThrowsAsync<ArgumentException>(() => ctx.Ledger.CreditAsync(User, 1, CreditKind.Grant, "grant#1", "g"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ctx.Ledger.CreditAsync(User, 0, CreditKind.Grant, "grant:1", "g"));
        await Assert.ThrowsAsync<ArgumentException>(() => ctx.Ledger.ReserveAsync(User, "h?", 1, "job", LedgerTestContext.InAnHour, "hold:1"));
    }
}
