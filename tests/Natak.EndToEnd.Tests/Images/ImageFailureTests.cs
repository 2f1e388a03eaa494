using System.Net;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Simulator;
using Natak.Tables.Credits;

namespace Natak.EndToEnd.Tests.Images;

/// <summary>Jobs that deliver nothing charge nothing: a failed shared step, a cancelled batch.</summary>
[Collection(ImagesCollection.Name)]
public sealed class ImageFailureTests(ImagesHostFixture fixture)
{
    private const string Generator = "fal-ai/z-image/turbo";
    private readonly ImageHarness _harness = new(fixture);

    [Fact]
    public async Task A_failed_control_map_fails_the_job_before_any_generation_and_releases_every_credit()
    {
        var (user, api) = await _harness.NewUserAsync(credits: 10);
        using var _ = api;
        var photo = await _harness.UploadPngAsync(user, 1024, 1024);
        _harness.Simulator.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Model = "fal-ai/dwpose", Operation = SimulatorOperation.Submit, Kind = FaultKind.CompletedWithError, StatusCode = 422 });

        var jobId = await Jobs.StartAsync(api, "/api/images", new { prompt = "a skater", count = 3, control = new { imageUrl = photo, pose = true } });
        var job = await Jobs.WaitForTerminalAsync(api, jobId);

        Assert.Equal("failed", (string?)job["status"]);
        Assert.False(string.IsNullOrEmpty((string?)job["error"]!["code"]));
        Assert.Equal(["fal-ai/dwpose"], _harness.PaidCalls().Select(c => c.Model));
        Assert.Equal((6L, 0L, 6L), ((long)job["credits"]!["reserved"]!, (long)job["credits"]!["charged"]!, (long)job["credits"]!["refunded"]!));
        var balance = await _harness.Ledger.GetBalanceAsync(user);
        Assert.Equal((10L, 0L), (balance.Balance, balance.Reserved));
        Assert.DoesNotContain(await _harness.JournalAsync(user), e => e.Kind == JournalKind.Capture);
    }

    [Fact]
    public async Task Cancelling_a_running_batch_cancels_its_generations_at_the_provider_and_charges_nothing()
    {
        var (user, api) = await _harness.NewUserAsync(credits: 10);
        using var _ = api;
        using (_harness.Fixture.SlowModel(Generator, TimeSpan.FromSeconds(60)))
        {
            var jobId = await Jobs.StartAsync(api, "/api/images", new { prompt = "a slow sunrise", count = 3 });
            await ImageHarness.EventuallyAsync(() => Task.FromResult(_harness.SubmitsTo(Generator).Count), n => n == 3, "three submits");

            var cancel = await api.Http.PostAsync($"/api/jobs/{jobId}/cancel", null);
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
            var job = await Jobs.WaitForTerminalAsync(api, jobId);

            Assert.Equal("cancelled", (string?)job["status"]);
            Assert.Equal((3L, 0L, 3L), ((long)job["credits"]!["reserved"]!, (long)job["credits"]!["charged"]!, (long)job["credits"]!["refunded"]!));
            var submitted = _harness.Simulator.Calls(SimulatorProvider.Fal, SimulatorOperation.Submit).Select(c => c.RequestId).ToHashSet();
            var cancelled = _harness.Simulator.Calls(SimulatorProvider.Fal, SimulatorOperation.Cancel).Select(c => c.RequestId).ToHashSet();
            Assert.True(submitted.SetEquals(cancelled), $"submitted {string.Join(",", submitted)}; cancelled {string.Join(",", cancelled)}");
            Assert.Equal(10, (await _harness.Ledger.GetBalanceAsync(user)).Available);
        }
    }
}
