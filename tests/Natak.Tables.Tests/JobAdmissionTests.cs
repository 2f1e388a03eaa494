using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Natak.Tables.Jobs;
using Natak.Testing;

namespace Natak.Tables.Tests;

/// <summary>The admission queue on Azurite: a bounded number of jobs run, the rest wait oldest first, slots pass on.</summary>
public sealed class JobAdmissionTests
{
    [Fact]
    public async Task Jobs_beyond_the_bound_wait_in_order_and_a_finishing_job_hands_its_slot_to_the_oldest()
    {
        var admission = await NewAsync(maxRunning: 2);
        var tickets = new List<AdmissionTicket>();
        foreach (var job in new[] { "j1", "j2", "j3", "j4" })
        {
            tickets.Add(await admission.EnterAsync(job));
        }

        Assert.Equal([true, true, false, false], tickets.Select(t => t.Admitted));
        Assert.Equal(0, await admission.AheadOfAsync(tickets[2].Ticket!.Value));
        Assert.Equal(1, await admission.AheadOfAsync(tickets[3].Ticket!.Value));

        Assert.False(await admission.HoldsSlotAsync("j3"));
        Assert.Equal("j3", await admission.LeaveAsync("j1"));
        Assert.Equal("j3", await admission.LeaveAsync("j1")); // a retried finish names the same job again
        Assert.True(await admission.HoldsSlotAsync("j3")); // what a queued job whose wake-up was lost finds when it looks
        Assert.False(await admission.HoldsSlotAsync("j4"));
        Assert.False(await admission.HoldsSlotAsync("j1")); // it left
        Assert.Equal(0, await admission.AheadOfAsync(tickets[3].Ticket!.Value));
        Assert.Equal((2, 1L), await admission.CountsAsync());

        Assert.Equal(new AdmissionTicket(true, null), await admission.EnterAsync("j3")); // a retried start sees where it stands
    }

    [Fact]
    public async Task A_job_cancelled_while_it_waits_leaves_the_queue_and_a_slot_with_nobody_waiting_is_freed()
    {
        var admission = await NewAsync(maxRunning: 1);
        await admission.EnterAsync("a");
        await admission.EnterAsync("b");

        Assert.Null(await admission.LeaveAsync("b"));
        Assert.Null(await admission.LeaveAsync("a"));
        Assert.Equal(0, (await admission.CountsAsync()).Running);
        Assert.True((await admission.EnterAsync("c")).Admitted);
    }

    [Fact]
    public async Task Under_concurrent_starts_and_finishes_every_job_runs_once_and_never_more_than_the_bound_at_once()
    {
        const int Bound = 4;
        var admission = await NewAsync(maxRunning: Bound);
        var jobs = Enumerable.Range(1, 24).Select(i => $"job{i:D2}").ToList();
        var entered = await Task.WhenAll(jobs.Select(job => admission.EnterAsync(job)).ToList());
        Assert.Equal(Bound, entered.Count(t => t.Admitted));
        Assert.Equal(jobs.Count - Bound, entered.Where(t => !t.Admitted).Select(t => t.Ticket).Distinct().Count());

        // Each running job finishes; whoever it hands its slot to runs and finishes in turn.
        var ran = new ConcurrentBag<string>();
        async Task RunAsync(string job)
        {
            ran.Add(job);
            Assert.True((await admission.CountsAsync()).Running <= Bound);
            if (await admission.LeaveAsync(job) is { } next)
            {
                await RunAsync(next);
            }
        }

        await Task.WhenAll(jobs.Where((_, i) => entered[i].Admitted).Select(RunAsync).ToList());
        Assert.Equal(jobs.Order(), ran.Order());
        Assert.Equal((0, 0L), await admission.CountsAsync());
    }

    [Fact]
    public async Task Starts_entered_together_keep_their_order_and_a_retried_start_among_them_keeps_its_place()
    {
        var admission = await NewAsync(maxRunning: 2);
        Assert.True((await admission.EnterAsync("first")).Admitted);

        // A burst arriving at once (one of them a retry of "first"): entered in arrival order, "first" counted once.
        var burst = new[] { "first", "b", "c", "d", "first" };
        var tickets = await Task.WhenAll(burst.Select(job => admission.EnterAsync(job)).ToList());

        Assert.All(tickets.Where((_, i) => burst[i] == "first"), t => Assert.Equal(new AdmissionTicket(true, null), t));
        var others = tickets.Where((_, i) => burst[i] != "first").ToList();
        Assert.Equal(1, others.Count(t => t.Admitted));
        Assert.Equal(2, others.Count(t => !t.Admitted));
        Assert.Equal((2, 2L), await admission.CountsAsync());
    }

    [Fact]
    public async Task Queue_positions_come_from_one_read_per_window_and_this_process_own_hand_overs_show_at_once()
    {
        var tables = new TableServiceClient(await LocalServices.StorageConnectionStringAsync());
        var table = Unique.Name("admission");
        JobAdmission Process(TimeSpan freshFor) =>
            new(tables, Options.Create(new JobAdmissionOptions { TableName = table, MaxRunning = 1, PositionFreshFor = freshFor }));
        using var reader = Process(TimeSpan.FromMinutes(1));
        using var other = Process(TimeSpan.FromMinutes(1));
        using var uncached = Process(TimeSpan.Zero);
        await other.EnterAsync("a");
        var b = await other.EnterAsync("b");
        var c = await other.EnterAsync("c");
        Assert.Equal(1, await reader.AheadOfAsync(c.Ticket!.Value));

        // Another process hands a's slot to b: this one answers from its read until the window turns...
        Assert.Equal("b", await other.LeaveAsync("a"));
        Assert.Equal(1, await reader.AheadOfAsync(c.Ticket!.Value));
        Assert.Equal(0, await uncached.AheadOfAsync(c.Ticket!.Value));

        // ...while the process that handed it over knows at once, without a read.
        Assert.Equal(0, await other.AheadOfAsync(c.Ticket!.Value));
    }

    private static async Task<JobAdmission> NewAsync(int maxRunning)
    {
        var tables = new TableServiceClient(await LocalServices.StorageConnectionStringAsync());
        return new JobAdmission(tables, Options.Create(new JobAdmissionOptions { TableName = Unique.Name("admission"), MaxRunning = maxRunning }));
    }
}
