using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Natak.Tables.Spend;
using Natak.Testing;

namespace Natak.Tables.Tests;

public sealed class SpendStoreTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 1, 14, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_step_is_recorded_once_and_a_repeat_returns_the_first_record()
    {
        var store = await NewStoreAsync();
        var step = Step("img_1", "generate", Day1.AddHours(10), cost: 0.0084m);

        var first = await store.RecordAsync(step);
        var repeat = await store.RecordAsync(step);
        var conflicting = await store.RecordAsync(step with { CostUsd = 0.02m, At = Day1.AddDays(1) });

        Assert.Equal((true, true), (first.Created, first.SameRecord));
        Assert.Equal((false, true, step), (repeat.Created, repeat.SameRecord, repeat.Stored));
        Assert.Equal((false, false, step), (conflicting.Created, conflicting.SameRecord, conflicting.Stored));
        Assert.Equal([step], await store.GetJobAsync("img_1"));
        Assert.Equal([step], await ToListAsync(store.QueryAsync(Day1, Day1.AddDays(3))));
    }

    [Fact]
    public async Task Money_and_units_round_trip_exactly()
    {
        var store = await NewStoreAsync();
        var at = new DateTimeOffset(2026, 1, 14, 9, 30, 15, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var tokens = Step("img_2", "prompt", at, cost: 0.000005m * 123, units: 123, unit: SpendUnit.TokensIn);
        var upscale = Step("img_2", "upscale", at, cost: 0.026214400m, units: 26.2144m, unit: SpendUnit.Megapixels) with { CreditsCharged = null };

        await store.RecordAsync(tokens);
        await store.RecordAsync(upscale);
        var stored = await store.GetJobAsync("img_2");

        Assert.Equal(0.000615m, stored.Single(s => s.Step == "prompt").CostUsd);
        Assert.Equal((26.2144m, 0.0262144m, (long?)null), stored.Single(s => s.Step == "upscale") is var u ? (u.Units, u.CostUsd, u.CreditsCharged) : default);
        Assert.Equal(at, stored[0].At);
        Assert.Equal(0.026829400m, stored.Sum(s => s.CostUsd));
    }

    [Fact]
    public async Task A_time_range_query_returns_exactly_the_steps_paid_for_within_it()
    {
        var store = await NewStoreAsync();
        SpendRecord[] steps =
        [
            Step("vid_1", "prompt", Day1.AddHours(-1), cost: 0.003m),
            Step("vid_1", "reference", Day1.AddHours(23).AddMinutes(59), cost: 0.01m),
            Step("vid_1", "video", Day1.AddDays(1), cost: 0.20m),
            Step("vid_2", "video", Day1.AddDays(1).AddHours(12), cost: 0.70m),
            Step("vid_3", "video", Day1.AddDays(2), cost: 0.25m),
        ];
        foreach (var step in steps)
        {
            await store.RecordAsync(step);
        }

        var inRange = await ToListAsync(store.QueryAsync(Day1, Day1.AddDays(2)));

        Assert.Equal(["vid_1/reference", "vid_1/video", "vid_2/video"], inRange.Select(s => $"{s.JobId}/{s.Step}").Order(StringComparer.Ordinal));
        Assert.Equal(0.91m, inRange.Sum(s => s.CostUsd));
        Assert.Empty(await ToListAsync(store.QueryAsync(Day1.AddDays(5), Day1.AddDays(6))));
    }

    [Fact]
    public async Task The_per_job_record_sums_what_a_job_cost_and_the_credits_charged()
    {
        var store = await NewStoreAsync();
        await store.RecordAsync(Step("img_9", "prompt", Day1, cost: 0.003m) with { CreditsCharged = null });
        await store.RecordAsync(Step("img_9", "generate", Day1, cost: 0.0084m) with { CreditsCharged = 1 });
        await store.RecordAsync(Step("img_other", "generate", Day1, cost: 1m));

        var job = await store.GetJobAsync("img_9");

        Assert.Equal((0.0114m, 1L), (job.Sum(s => s.CostUsd), job.Sum(s => s.CreditsCharged ?? 0)));
    }

    private static SpendRecord Step(string jobId, string step, DateTimeOffset at, decimal cost, decimal units = 1, SpendUnit unit = SpendUnit.Requests) =>
        new(jobId, step, "user-7", "basic-image", "fal", "fal-ai/z-image/turbo", units, unit, cost, 1, at);

    private static async Task<SpendStore> NewStoreAsync() =>
        new(new TableServiceClient(await LocalServices.StorageConnectionStringAsync()), Options.Create(new SpendStoreOptions { TableName = Unique.Name("spend") }));

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
