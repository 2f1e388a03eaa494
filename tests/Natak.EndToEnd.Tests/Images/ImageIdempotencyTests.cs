using System.Net;
using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.Images;

/// <summary>The Idempotency-Key contract on the images route: a retried order never makes or charges a second job.</summary>
[Collection(ImagesCollection.Name)]
public sealed class ImageIdempotencyTests(ImagesHostFixture fixture)
{
    private readonly ImageHarness _harness = new(fixture);

    [Fact]
    public async Task Repeating_an_order_with_its_key_returns_the_same_job_and_charges_once_and_another_body_under_that_key_is_a_422()
    {
        var (user, api) = await _harness.NewUserAsync(credits: 10);
        using var _ = api;
        var body = new { prompt = "a red kite over dunes", count = 2 };

        var jobId = await Jobs.StartAsync(api, "/api/images", body, idempotencyKey: "order-1");
        var again = await api.PostJsonAsync("/api/images", body, idempotencyKey: "order-1");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(jobId, (string?)(await ApiClient.ReadObjectAsync(again))["jobId"]);

        var job = await Jobs.WaitForTerminalAsync(api, jobId);
        var afterwards = await api.PostJsonAsync("/api/images", body, idempotencyKey: "order-1");
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Equal("succeeded", (string?)(await ApiClient.ReadObjectAsync(afterwards))["status"]);

        var reused = await api.PostJsonAsync("/api/images", new { prompt = "a blue kite over dunes", count = 2 }, idempotencyKey: "order-1");
        Assert.Equal((HttpStatusCode)422, reused.StatusCode);
        Assert.Equal("idempotency_key_reused", (string?)(await ApiClient.ReadObjectAsync(reused))["code"]);

        Assert.Equal("succeeded", (string?)job["status"]);
        Assert.Equal(2, _harness.SubmitsTo("fal-ai/z-image/turbo").Count);
        Assert.Equal(8, (await _harness.Ledger.GetBalanceAsync(user)).Balance);
        var jobs = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/jobs"));
        Assert.Single(jobs["items"]!.AsArray());
    }
}
