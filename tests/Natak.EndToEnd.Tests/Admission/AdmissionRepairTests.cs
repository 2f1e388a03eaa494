using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Natak.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Natak.Orchestrations.Credits;
using Natak.Tables.Jobs;

namespace Natak.EndToEnd.Tests.Admission;

/// <summary>A host that runs one job at a time and repairs a slot held for more than a second.</summary>
public sealed class OneSlotFixture : DevHostFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings(),
        new("Jobs:Admission:MaxRunning", "1"),
        new("Jobs:Admission:RepairAfter", "00:00:01"),
    ];
}

[CollectionDefinition(Name)]
public sealed class OneSlotCollection : ICollectionFixture<OneSlotFixture>
{
    public const string Name = "dev host with one admission slot";
}

/// <summary>
/// The admission queue on Azurite: a job waits <c>queued</c> with its place in the line while the only slot is taken,
/// and a job whose orchestration was stopped from outside Natak (so it never gave its slot back) is ended by the
/// housekeeping timer, which hands its slot to the job behind it.
/// </summary>
[Collection(OneSlotCollection.Name)]
public sealed class AdmissionRepairTests(OneSlotFixture fixture)
{
    private const string Turbo = "fal-ai/z-image/turbo";

    [Fact]
    public async Task A_slot_held_by_a_stopped_orchestration_is_recovered_and_the_next_job_runs()
    {
        var user = "admission-repair-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.GrantAsync(user, 5);
        using var api = fixture.Api(user);
        string first, second;
        using (fixture.SlowModel(Turbo))
        {
            (first, second) = await OneRunningOneQueuedAsync(api, "a lighthouse");
            var waiting = await ReadAsync(api, second);
            Assert.Equal("queued", (string?)waiting["status"]);
            Assert.Equal(("queue", 0), ((string?)waiting["progress"]!["waitingFor"], (int?)waiting["progress"]!["queuePosition"]));
            Assert.Equal("Waiting for a free slot (0 ahead)", (string?)waiting["progress"]!["label"]);

            // An operator's tool stops the first job behind Natak's back: nothing gives its slot back.
            await fixture.Host.DurableClient.TerminateInstanceAsync(first, "stopped from outside");
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await fixture.Host.DurableClient.WaitForInstanceCompletionAsync(first, wait.Token);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal("queued", (string?)(await ReadAsync(api, second))["status"]);

        await HoldSweepRunner.RunAsync(fixture.Host.Services, fixture.Host.DurableClient, CancellationToken.None);

        var stopped = await ReadAsync(api, first);
        Assert.Equal("cancelled", (string?)stopped["status"]);
        Assert.Equal((1L, 0L, 1L), ((long)stopped["credits"]!["reserved"]!, (long)stopped["credits"]!["charged"]!, (long)stopped["credits"]!["refunded"]!));
        var done = await Jobs.WaitForTerminalAsync(api, second);
        Assert.True((string?)done["status"] == "succeeded", done.ToJsonString());
        var credits = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/credits"));
        Assert.Equal((4L, 0L), ((long)credits["balance"]!, (long)credits["reserved"]!));
    }

    [Fact]
    public async Task A_queued_job_whose_wake_up_is_lost_finds_the_slot_it_was_handed_by_itself()
    {
        var user = "admission-lost-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.GrantAsync(user, 5);
        using var api = fixture.Api(user);
        string first, second;

        // Slow enough that the second job is admitted while the first still runs: only its own look can admit it.
        using (fixture.SlowModel(Turbo, TimeSpan.FromSeconds(6)))
        {
            (first, second) = await OneRunningOneQueuedAsync(api, "a harbour");
            Assert.Equal("queued", (string?)(await ReadAsync(api, second))["status"]);

            // The slot passes to the second job but no wake-up reaches it, as when the durable backend drops one that
            // arrives before the job's orchestration has started. No repair runs: the job looks at its place itself.
            var admission = fixture.Host.Services.GetRequiredService<JobAdmission>();
            Assert.Equal(second, await admission.LeaveAsync(first));
            await EventuallyAsync(api, second, j => (string?)j["status"] != "queued", "the second job admitted without a wake-up");
            Assert.Equal("running", (string?)(await ReadAsync(api, first))["status"]);
        }

        foreach (var job in new[] { first, second })
        {
            var done = await Jobs.WaitForTerminalAsync(api, job);
            Assert.True((string?)done["status"] == "succeeded", done.ToJsonString());
        }

        var credits = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/credits"));
        Assert.Equal((3L, 0L), ((long)credits["balance"]!, (long)credits["reserved"]!));
    }

    /// <summary>Orders a job, waits until it runs (holding the only slot), then orders a second one, which queues.</summary>
    private static async Task<(string First, string Second)> OneRunningOneQueuedAsync(ApiClient api, string subject)
    {
        var first = await Jobs.StartAsync(api, "/api/images", new { prompt = subject + " at dusk" });
        await EventuallyAsync(api, first, j => (string?)j["status"] == "running", "the first job running");
        return (first, await Jobs.StartAsync(api, "/api/images", new { prompt = subject + " at dawn" }));
    }

    private static async Task<JsonObject> ReadAsync(ApiClient api, string jobId) =>
        await ApiClient.ReadObjectAsync(await api.GetAsync("/api/jobs/" + jobId));

    private static async Task EventuallyAsync(ApiClient api, string jobId, Func<JsonObject, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (done(await ReadAsync(api, jobId)))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("never saw " + what);
    }
}
