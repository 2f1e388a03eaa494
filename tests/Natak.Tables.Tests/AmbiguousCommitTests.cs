using Natak.Tables.Credits;

namespace Natak.Tables.Tests;

/// <summary>docs/ledger.md invariant 6: a fault after the commit (the response is lost) → applied once, the caller sees success.</summary>
public sealed class AmbiguousCommitTests
{
    private const string User = "unlucky";

    public static TheoryData<int> SdkRetries => [0, 3];

    [Theory]
    [MemberData(nameof(SdkRetries))]
    public async Task A_credit_whose_response_is_lost_is_applied_once_and_reported_as_applied(int sdkRetries)
    {
        var fault = new BatchFaultPolicy();
        var ctx = await LedgerTestContext.CreateAsync(fault, sdkRetries);

        fault.DropResponsesAfterCommit(1);
        var result = await ctx.Ledger.CreditAsync(User, 100, CreditKind.Purchase, "purchase:pay_1", "pay_1");

        Assert.Equal(1, fault.Dropped);
        Assert.Equal(new AccountBalance(100, 0, 0, 1), Assert.IsType<LedgerResult.Applied>(result).Receipt.BalanceAfter);
        Assert.Equal(new AccountBalance(100, 0, 0, 1), await ctx.Ledger.GetBalanceAsync(User));
        await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
    }

    [Theory]
    [MemberData(nameof(SdkRetries))]
    public async Task A_reserve_and_a_capture_whose_responses_are_lost_are_applied_once(int sdkRetries)
    {
        var fault = new BatchFaultPolicy();
        var ctx = await LedgerTestContext.CreateAsync(fault, sdkRetries);
        await ctx.FundAsync(User, 10);

        fault.DropResponsesAfterCommit(1);
        var reserve = await ctx.Ledger.ReserveAsync(User, "h1", 4, "job1", LedgerTestContext.InAnHour, "hold:job1:a");
        fault.DropResponsesAfterCommit(1);
        var capture = await ctx.Ledger.CaptureAsync(User, "h1", 3, "capture:job1:a");

        Assert.Equal(2, fault.Dropped);
        Assert.True(reserve.IsApplied);
        var receipt = Assert.IsType<LedgerResult.Applied>(capture).Receipt;
        Assert.Equal((3L, 1L), (receipt.Amount, receipt.Released));
        Assert.Equal(new AccountBalance(10, 3, 0, 4), await ctx.Ledger.GetBalanceAsync(User));
        await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
    }

    [Fact]
    public async Task Lost_responses_under_contention_still_apply_each_operation_once()
    {
        var fault = new BatchFaultPolicy();
        var ctx = await LedgerTestContext.CreateAsync(fault, sdkRetries: 0);
        await ctx.FundAsync(User, 100);
        var hosts = Enumerable.Range(0, 5).Select(_ => ctx.NewHost()).ToArray();

        fault.DropResponsesAfterCommit(10);
        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            hosts[i % hosts.Length].ReserveAsync(User, $"h{i}", 3, $"job{i}", LedgerTestContext.InAnHour, $"hold:job{i}:a")));

        Assert.Equal(10, fault.Dropped);
        Assert.All(results, r => Assert.True(r.IsApplied));
        Assert.Equal(new AccountBalance(100, 0, 90, 31), await ctx.Ledger.GetBalanceAsync(User));
        await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
    }

    [Fact]
    public async Task A_store_that_keeps_failing_ends_in_an_exception_and_nothing_applied()
    {
        var fault = new BatchFaultPolicy();
        var ctx = await LedgerTestContext.CreateAsync(fault, sdkRetries: 0, maxAttempts: 3);
        await ctx.FundAsync(User, 10);

        fault.FailBeforeSending(3);
        var failure = await Assert.ThrowsAsync<LedgerRetryExhaustedException>(() =>
            ctx.Ledger.ReserveAsync(User, "h1", 4, "job1", LedgerTestContext.InAnHour, "hold:job1:a"));
        var retried = await ctx.Ledger.ReserveAsync(User, "h1", 4, "job1", LedgerTestContext.InAnHour, "hold:job1:a");

        Assert.Equal((3, 3, "hold:job1:a"), (fault.Failed, failure.Attempts, failure.OpKey));
        Assert.IsType<IOException>(failure.InnerException);
        Assert.True(retried.IsApplied);
        Assert.Equal(new AccountBalance(10, 0, 4, 2), await ctx.Ledger.GetBalanceAsync(User));
    }
}
