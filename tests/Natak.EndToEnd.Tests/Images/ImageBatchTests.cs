using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Simulator;
using Natak.Tables.Credits;

namespace Natak.EndToEnd.Tests.Images;

/// <summary>Batches: each image is its own provider call and its own charge; a failed one is refunded.</summary>
[Collection(ImagesCollection.Name)]
public sealed class ImageBatchTests(ImagesHostFixture fixture)
{
    private readonly ImageHarness _harness = new(fixture);

    [Fact]
    public async Task A_batch_of_8_with_2_failed_generations_delivers_6_charges_6_and_refunds_2()
    {
        var (user, api) = await _harness.NewUserAsync(credits: 20);
        using var _ = api;
        _harness.Simulator.AddFault(new FaultRule
        {
            Provider = SimulatorProvider.Fal,
            Model = "fal-ai/z-image/turbo",
            Operation = SimulatorOperation.Submit,
            Kind = FaultKind.CompletedWithError,
            StatusCode = 422,
            ErrorType = "content_policy_violation",
            Times = 2,
        });

        var jobId = await Jobs.StartAsync(api, "/api/images", new { prompt = "a fox in the snow", count = 8, seed = 100 });
        var job = await Jobs.WaitForTerminalAsync(api, jobId);

        Assert.Equal("succeeded", (string?)job["status"]);
        var result = job["result"]!;
        Assert.Equal(6, result["images"]!.AsArray().Count);
        var failures = result["failures"]!.AsArray();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.Equal("content_policy_violation", (string?)f!["code"]));
        var indices = result["images"]!.AsArray().Select(i => (long)i!["seed"]! - 100).Concat(failures.Select(f => (long)f!["index"]!)).Order();
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], indices);

        Assert.Equal(8, (long)job["credits"]!["reserved"]!);
        Assert.Equal(6, (long)job["credits"]!["charged"]!);
        Assert.Equal(2, (long)job["credits"]!["refunded"]!);
        var balance = await _harness.Ledger.GetBalanceAsync(user);
        Assert.Equal(14, balance.Balance);
        Assert.Equal(0, balance.Reserved);
        var journal = await _harness.JournalAsync(user);
        Assert.Equal(6, Assert.Single(journal, e => e.Kind == JournalKind.Capture).Amount);
        Assert.Equal(2, journal.Where(e => e.Kind == JournalKind.Release).Sum(e => e.Amount));

        foreach (var image in result["images"]!.AsArray())
        {
            var (_, size) = await ImageHarness.DownloadImageAsync(image!);
            Assert.Equal((1024, 1024), (size.Width, size.Height));
        }

        Assert.Equal(6, (await _harness.StoredAsync(user, jobId)).Count);
        var seeds = _harness.SubmitsTo("fal-ai/z-image/turbo").Select(s => (long)s["seed"]!).Order();
        Assert.Equal([100, 101, 102, 103, 104, 105, 106, 107], seeds);
    }
}
