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

        var result = await sweeper.SweepAsync(jobs, soon.AddHours(1));

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
    public async Task A_running_job_is_looked_at_again_after_the_recheck_interval_and_swept_once_it_stopped()
    {
        var (ctx, jobs, sweeper, soon) = await ArrangeRunningAndLostHoldsAsync();
        var now = soon.AddHours(1);
        await sweeper.SweepAsync(jobs, now);
        var journalAfterFirst = (await ctx.Ledger.GetBalanceAsync(User)).Seq;

        var beforeRecheck = await sweeper.SweepAsync(jobs, now + Recheck - TimeSpan.FromMinutes(1));
        var atRecheck = await sweeper.SweepAsync(jobs, now + Recheck);
        var seqAfterRecheck = (await ctx.Ledger.GetBalanceAsync(User)).Seq;
        jobs.Stop("job-running");
        var afterStop = await sweeper.SweepAsync(jobs, now + (2 * Recheck));
        var last = await sweeper.SweepAsync(jobs, now + (4 * Recheck));

        Assert.Equal(new HoldSweepResult(0, 0, 0, 0, 0, false), beforeRecheck);
        Assert.Equal(new HoldSweepResult(1, 0, 1, 0, 0, false), atRecheck);
        Assert.Equal(journalAfterFirst, seqAfterRecheck);
        Assert.Equal(new HoldSweepResult(1, 1, 0, 0, 0, false), afterStop);
        Assert.Equal(new HoldSweepResult(0, 0, 0, 0, 0, false), last);
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

        var sweeps = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => NewSweeper(ctx, ctx.NewHost()).SweepAsync(jobs, soon.AddHours(1))));

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

        var sweeper = NewSweeper(ctx, options: new HoldSweeperOptions { MaxHoldsPerSweep = 3 });
        var first = await sweeper.SweepAsync(new RunningJobs(), soon.AddHours(1));
        var second = await sweeper.SweepAsync(new RunningJobs(), soon.AddHours(1));

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
        var sweeper = NewSweeper(ctx, options: new HoldSweeperOptions { OrphanGrace = TimeSpan.FromMinutes(10) });
        var none = new RunningJobs();

        var withinGrace = await sweeper.SweepAsync(none, expires.AddMinutes(5));
        var afterGrace = await sweeper.SweepAsync(none, expires.AddMinutes(15));
        var later = await sweeper.SweepAsync(none, expires.AddMinutes(30));

        Assert.Equal(new HoldSweepResult(1, 0, 0, 0, 0, false), withinGrace);
        Assert.Equal(new HoldSweepResult(1, 0, 0, 0, 1, false), afterGrace);
        Assert.Equal(new HoldSweepResult(0, 0, 0, 0, 0, false), later);
    }

    [Fact]
    public async Task Running_jobs_filling_a_sweep_do_not_keep_a_lost_hold_behind_them_waiting()
    {
        const int perSweep = 5;
        var ctx = await LedgerTestContext.CreateAsync();
        await ctx.FundAsync(User, 100);
        var expires = DateTimeOffset.UtcNow.AddMinutes(5);
        var running = Enumerable.Range(0, (2 * perSweep) - 1).Select(i => $"run{i}").ToArray();
        foreach (var id in running)
        {
            await ctx.Ledger.ReserveAsync(User, id, 2, "job-" + id, expires, "hold:" + id);
        }

        // Due an hour later than all of them: the index hands it out after every running hold.
        await ctx.Ledger.ReserveAsync(User, "lost", 7, "job-lost", expires.AddHours(1), "hold:lost");
        var jobs = new RunningJobs([.. running.Select(id => "job-" + id)]);
        var sweeper = NewSweeper(ctx, options: new HoldSweeperOptions { MaxHoldsPerSweep = perSweep });
        var now = expires.AddHours(2);

        var first = await sweeper.SweepAsync(jobs, now);
        var second = await sweeper.SweepAsync(jobs, now.AddMinutes(5));

        Assert.Equal(new HoldSweepResult(perSweep, 0, perSweep, 0, 0, MoreDue: true), first);
        Assert.Equal(new HoldSweepResult(perSweep, 1, perSweep - 1, 0, 0, MoreDue: false), second);
        Assert.Equal(HoldStatus.Expired, (await ctx.Ledger.GetHoldAsync(User, "lost"))!.Status);
        foreach (var id in running)
        {
            Assert.Equal(HoldStatus.Pending, (await ctx.Ledger.GetHoldAsync(User, id))!.Status);
        }

        var balance = await ctx.Ledger.GetBalanceAsync(User);
        Assert.Equal((100L, 2L * running.Length), (balance.Balance, balance.Reserved));
        await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
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
        return (ctx, jobs, NewSweeper(ctx), expires);
    }

    private static readonly TimeSpan Recheck = new HoldSweeperOptions().RecheckRunningAfter;

    private static HoldSweeper NewSweeper(LedgerTestContext ctx, ICreditLedger? ledger = null, HoldSweeperOptions? options = null) =>
        new(ledger ?? ctx.Ledger, ctx.Tables, Options.Create(ctx.Options), Options.Create(options ?? new HoldSweeperOptions()));

    private sealed class RunningJobs(params string[] running) : IRunningJobProbe
    {
        private readonly ConcurrentDictionary<string, bool> _running = new(running.Select(j => KeyValuePair.Create(j, true)));

        public void Stop(string jobId) => _running.TryRemove(jobId, out _);

        public Task<bool> IsRunningAsync(string jobId, CancellationToken cancellationToken = default) => Task.FromResult(_running.ContainsKey(jobId));
    }
}
