using Natak.Tables.Credits;

namespace Natak.Tables.Tests;

/// <summary>docs/ledger.md invariants 3 and 5 under real concurrency against Azurite.</summary>
public sealed class ConcurrencyTests
{
    private const string User = "racer";

    [Theory]
    [InlineData(200, 1000, 7, 4)] // 200 requests on 4 hosts
    [InlineData(200, 1000, 7, 200)] // 200 requests, each on its own host: only If-Match arbitrates
    [InlineData(50, 100, 3, 50)]
    public async Task Parallel_reservations_succeed_exactly_floor_B_over_x_times_and_never_overdraw(int tasks, long balance, long x, int hosts)
    {
        // What is proven here is the outcome, not the retry budget: 200 hosts colliding on one account on a
        // loaded 2-core machine may need more attempts than the production default allows.
        var ctx = await LedgerTestContext.CreateAsync(maxAttempts: 100);
        await ctx.FundAsync(User, balance);
        var ledgers = Enumerable.Range(0, hosts).Select(i => i == 0 ? ctx.Ledger : ctx.NewHost()).ToArray();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var expires = LedgerTestContext.InAnHour;

        var racers = Enumerable.Range(0, tasks).Select(async i =>
        {
            await start.Task;
            return await ledgers[i % hosts].ReserveAsync(User, $"h{i}", x, $"job{i}", expires, $"hold:job{i}:gen");
        }).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(racers);

        var expected = balance / x;
        Assert.Equal(expected, results.Count(r => r.IsApplied));
        Assert.All(results.Where(r => !r.IsApplied), r => Assert.IsType<LedgerResult.InsufficientCredits>(r));
        var final = await ctx.Ledger.GetBalanceAsync(User);
        Assert.Equal((balance, expected * x, balance - (expected * x)), (final.Balance, final.Reserved, final.Available));
        var totals = await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
        Assert.Equal(1 + expected, totals.Seq);
    }

    [Fact]
    public async Task Concurrent_duplicate_credits_with_one_op_key_credit_once()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var duplicates = Enumerable.Range(0, 20).Select(async _ =>
        {
            var host = ctx.NewHost();
            await start.Task;
            return await host.CreditAsync(User, 500, CreditKind.Purchase, "purchase:pay_9", "pay_9");
        }).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(duplicates);

        var first = Assert.IsType<LedgerResult.Applied>(results[0]);
        Assert.All(results, r => Assert.Equal(first, r));
        Assert.Equal(new AccountBalance(500, 0, 0, 1), await ctx.Ledger.GetBalanceAsync(User));
        Assert.Single(await LedgerAudit.JournalAsync(ctx.LedgerTable, User));
    }

    [Fact]
    public async Task A_capture_racing_a_release_of_the_same_hold_lets_exactly_one_win()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        await ctx.FundAsync(User, 100);
        var expires = LedgerTestContext.InAnHour;
        for (var i = 0; i < 20; i++)
        {
            await ctx.Ledger.ReserveAsync(User, $"h{i}", 5, $"job{i}", expires, $"hold:job{i}:gen");
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = ctx.NewHost();
        var b = ctx.NewHost();
        var pairs = Enumerable.Range(0, 20).Select(async i =>
        {
            await start.Task;
            var capture = a.CaptureAsync(User, $"h{i}", 4, $"capture:job{i}:gen");
            var release = b.ReleaseAsync(User, $"h{i}", $"release:job{i}:gen");
            return (await capture, await release);
        }).ToArray();
        start.SetResult();
        var outcomes = await Task.WhenAll(pairs);

        Assert.All(outcomes, o => Assert.True(o.Item1.IsApplied ^ o.Item2.IsApplied, $"capture {o.Item1}, release {o.Item2}"));
        Assert.All(outcomes, o => Assert.IsType<LedgerResult.HoldConflict>(o.Item1.IsApplied ? o.Item2 : o.Item1));
        var captured = outcomes.Count(o => o.Item1.IsApplied);
        Assert.Equal(new AccountBalance(100, captured * 4L, 0, (await ctx.Ledger.GetBalanceAsync(User)).Seq), await ctx.Ledger.GetBalanceAsync(User));
        await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
    }

    [Fact]
    public async Task A_random_mix_of_operations_from_many_hosts_keeps_every_invariant()
    {
        var ctx = await LedgerTestContext.CreateAsync();
        var random = new Random(20260129);
        var hosts = Enumerable.Range(0, 6).Select(_ => ctx.NewHost()).ToArray();
        var expires = LedgerTestContext.InAnHour;
        var plan = Enumerable.Range(0, 120).Select(i => (Op: random.Next(6), Amount: random.Next(1, 9), Host: hosts[random.Next(hosts.Length)], Hold: random.Next(40))).ToList();

        // Every operation is issued twice, concurrently, to exercise the fences as well as the ETags.
        await Parallel.ForEachAsync(plan.SelectMany(p => new[] { p, p }), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, ct) =>
        {
            var hold = $"h{p.Hold}";
            await (p.Op switch
            {
                0 => p.Host.CreditAsync(User, p.Amount, CreditKind.Purchase, $"purchase:{p.Hold}:{p.Amount}", "pay", cancellationToken: ct),
                1 or 2 => p.Host.ReserveAsync(User, hold, p.Amount, $"job{p.Hold}", expires, $"hold:{hold}", ct),
                3 => p.Host.CaptureAsync(User, hold, p.Amount % 3, $"capture:{hold}", cancellationToken: ct),
                4 => p.Host.ReleaseAsync(User, hold, $"release:{hold}", ct),
                _ => p.Host.ExpireAsync(User, hold, $"expire:{hold}", ct),
            });
        });

        var totals = await LedgerAudit.AssertConsistentAsync(ctx.LedgerTable, User);
        Assert.True(totals.Seq > 20, $"only {totals.Seq} journal rows: the mix did not exercise the ledger");
    }
}
