using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Natak.Tables.Credits;

namespace Natak.Tables.Tests;

public sealed class HoldSweeperTests
{
    private const string User = "sweep-user";

    [Fact]
    public async Task The_sweeper_expires_only_due_holds_of_jobs_that_no_longer_run()
    {
        var (ctx, jobs, sweeper, soon) = await ArrangeRunningAndLostHoldsAsync();
        await ctx.Ledger.ReserveAsync(User, "later", 30, "job-later", soon.AddDays(1), "hold:later");
        await ctx.Ledger.ReserveAsync(User, "done", 5, "job-done", soon, "hold:done");
        await ctx.Ledger.CaptureAsync(User, "done", 5, "capture:done");

        var result = await sweeper.SweepAsync(soon.AddHours(1));

        Assert.Equal(new HoldSweepResult(Due: 3, Expired: 1, StillRunning: 1, AlreadyClosed: 1, Orphans: 0, MoreDue: false), result);
        Assert.Equal(HoldStatus.Expired, (await ctx.Ledger.GetHoldAsync(User, "lost"))!.Status);
        Assert.Equal("expire:lost", (await ctx.Ledger.GetHoldAsync(User, "lost"))!.ClosedBy);
        Assert.Equal(HoldStatus.Pending, (await ctx.Ledger.GetHoldAsync(User, "running"))!.Status);
        Assert.Equal(HoldStatus.Pending, (await ctx.Ledger.GetHoldAsync(User, "later"))!.Status);
        var balance = await ctx.Ledger.GetBalanceAsync(User);
        Assert.Equal((95L, 40L, 55L), (balance.Balance, balance.Reserved, balance.Available));
        await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
    }

    [Fact]
    public async Task A_second_sweep_changes_nothing_and_a_stopped_job_is_swept_next_time()
    {
        var (ctx, jobs, sweeper, soon) = await ArrangeRunningAndLostHoldsAsync();
        var now = soon.AddHours(1);
        await sweeper.SweepAsync(now);
        var journalAfterFirst = (await ctx.Ledger.GetBalanceAsync(User)).Seq;

        var second = await sweeper.SweepAsync(now);
        var seqAfterSecond = (await ctx.Ledger.GetBalanceAsync(User)).Seq;
        jobs.Stop("job-running");
        var third = await sweeper.SweepAsync(now);
        var fourth = await sweeper.SweepAsync(now);

        Assert.Equal(new HoldSweepResult(1, 0, 1, 0, 0, false), second);
        Assert.Equal(journalAfterFirst, seqAfterSecond);
        Assert.Equal(new HoldSweepResult(1, 1, 0, 0, 0, false), third);
        Assert.Equal(new HoldSweepResult(0, 0, 0, 0, 0, false), fourth);
        Assert.Equal(new AccountBalance(100, 0, 0, 5), await ctx.Ledger.GetBalanceAsync(User));
        await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
    }

    [Fact]
    public async Task Overlapping_sweeps_expire_each_hold_once()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        var jobs = new RunningJobs();
        await ctx.FundAsync(User, 100);
        var soon = DateTimeOffset.UtcNow.AddMinutes(5);
        for (var i = 0; i < 10; i++)
        {
            await ctx.Ledger.ReserveAsync(User, $"h{i}", 3, $"job{i}", soon, $"hold:job{i}");
        }

        var sweeps = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => NewSweeper(ctx, jobs, ctx.NewHost()).SweepAsync(soon.AddHours(1))));

        Assert.All(sweeps, s => Assert.Equal(10, s.Expired + s.AlreadyClosed));
        var journal = await LedgerAudit.JournalAsync(ctx.LedgerTable, User);
        Assert.Equal(10, journal.Count(r => r.GetString("Kind") == "Expire"));
        Assert.Equal(new AccountBalance(100, 0, 0, 21), await ctx.Ledger.GetBalanceAsync(User));
        await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
    }

    [Fact]
    public async Task A_sweep_stops_at_its_limit_and_says_more_are_due()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        await ctx.FundAsync(User, 100);
        var soon = DateTimeOffset.UtcNow.AddMinutes(5);
        for (var i = 0; i < 5; i++)
        {
            await ctx.Ledger.ReserveAsync(User, $"h{i}", 1, $"job{i}", soon, $"hold:job{i}");
        }

        var sweeper = NewSweeper(ctx, new RunningJobs(), options: new HoldSweeperOptions { MaxHoldsPerSweep = 3 });
        var first = await sweeper.SweepAsync(soon.AddHours(1));
        var second = await sweeper.SweepAsync(soon.AddHours(1));

        Assert.Equal((3, 3, true), (first.Due, first.Expired, first.MoreDue));
        Assert.Equal((2, 2, false), (second.Due, second.Expired, second.MoreDue));
        Assert.Equal(0, (await ctx.Ledger.GetBalanceAsync(User)).Reserved);
    }

    [Fact]
    public async Task An_index_row_without_a_hold_is_kept_through_the_grace_period_then_dropped()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        var fault = new BatchFaultPolicy();
        var failing = await LedgerTestContext.CreateAsync(fault, sdkRetries: 0);
        var sameTables = new CreditLedger(failing.Tables, Options.Create(new CreditLedgerOptions
        {
            TableName = ctx.Options.TableName,
            HoldExpiryTableName = ctx.Options.HoldExpiryTableName,
            MaxAttempts = 1,
        }));
        await ctx.FundAsync(User, 100);
        var expires = DateTimeOffset.UtcNow.AddMinutes(5);

        // The reserve writes its index row, then its transaction never reaches the store.
        fault.FailBeforeSending(1);
        await Assert.ThrowsAsync<LedgerRetryExhaustedException>(() => sameTables.ReserveAsync(User, "ghost", 5, "job-ghost", expires, "hold:ghost"));
        var sweeper = NewSweeper(ctx, new RunningJobs(), options: new HoldSweeperOptions { OrphanGrace = TimeSpan.FromMinutes(10) });

        var withinGrace = await sweeper.SweepAsync(expires.AddMinutes(5));
        var afterGrace = await sweeper.SweepAsync(expires.AddMinutes(15));
        var later = await sweeper.SweepAsync(expires.AddMinutes(30));

        Assert.Equal(new HoldSweepResult(1, 0, 0, 0, 0, false), withinGrace);
        Assert.Equal(new HoldSweepResult(1, 0, 0, 0, 1, false), afterGrace);
        Assert.Equal(new HoldSweepResult(0, 0, 0, 0, 0, false), later);
    }

    /// <summary>Holds of 10 (job still running) and 20 (job gone), both expiring in five minutes, on a balance of 100.</summary>
    private static async Task<(LedgerTestContext Ctx, RunningJobs Jobs, HoldSweeper Sweeper, DateTimeOffset Expires)> ArrangeRunningAndLostHoldsAsync()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        var jobs = new RunningJobs("job-running");
        await ctx.FundAsync(User, 100);
        var expires = DateTimeOffset.UtcNow.AddMinutes(5);
        await ctx.Ledger.ReserveAsync(User, "running", 10, "job-running", expires, "hold:running");
        await ctx.Ledger.ReserveAsync(User, "lost", 20, "job-lost", expires, "hold:lost");
        return (ctx, jobs, NewSweeper(ctx, jobs), expires);
    }

    private static HoldSweeper NewSweeper(LedgerTestContext ctx, RunningJobs jobs, ICreditLedger? ledger = null, HoldSweeperOptions? options = null) =>
        new(ledger ?? ctx.Ledger, jobs, ctx.Tables, Options.Create(ctx.Options), Options.Create(options ?? new HoldSweeperOptions()));

    private sealed class RunningJobs(params string[] running) : IRunningJobProbe
    {
        private readonly ConcurrentDictionary<string, bool> _running = new(running.Select(j => KeyValuePair.Create(j, true)));

        public void Stop(string jobId) => _running.TryRemove(jobId, out _);

        public Task<bool> IsRunningAsync(string jobId, CancellationToken cancellationToken = default) => Task.FromResult(_running.ContainsKey(jobId));
    }
}
