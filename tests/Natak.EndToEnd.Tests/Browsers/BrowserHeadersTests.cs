using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.Browsers;

/// <summary>What browser clients rely on at the HTTP level: CORS, Retry-After while a job runs, ETag and 304.</summary>
[Collection(DevHostCollection.Name)]
public sealed class BrowserHeadersTests(DevHostFixture fixture)
{
    [Theory]
    [InlineData("http://localhost:5173")]
    [InlineData(DevHostFixture.AllowedOrigin)]
    public async Task A_preflight_from_an_allowed_origin_to_start_images_answers_204_with_the_methods_and_headers(string origin)
    {
        using var api = fixture.Api();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/images");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");

        using var response = await api.Http.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Single(response, "Access-Control-Allow-Methods").Split(','));
        var headers = Single(response, "Access-Control-Allow-Headers").Split(',');
        Assert.Superset(new HashSet<string>(["Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID"]), headers.ToHashSet());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://studio.natak.test.evil.example")]
    [InlineData("http://localhost.evil.example:5173")]
    public async Task An_origin_not_configured_gets_no_cors_headers(string origin)
    {
        using var api = fixture.Api();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/images");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/pricing");
        get.Headers.Add("Origin", origin);

        using var preflightResponse = await api.Http.SendAsync(preflight);
        using var getResponse = await api.Http.SendAsync(get);

        Assert.DoesNotContain(preflightResponse.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, getResponse.StatusCode);
        Assert.DoesNotContain(getResponse.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Answers_to_an_allowed_origin_expose_location_retry_after_and_etag_also_on_problems()
    {
        using var api = fixture.Api(Users.New("cors"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/jobs/img_01JD3ZZZZZZZZZZZZZZZZZZZZZ");
        request.Headers.Add("Origin", DevHostFixture.AllowedOrigin);

        using var response = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(DevHostFixture.AllowedOrigin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal(["Location", "Retry-After", "ETag"], Single(response, "Access-Control-Expose-Headers").Split(','));
    }

    [Fact]
    public async Task A_started_and_a_running_job_carry_retry_after_and_a_finished_one_does_not()
    {
        var user = Users.New("poll");
        await fixture.GrantAsync(user, 10);
        using var api = fixture.Api(user);
        using (fixture.SlowModel("fal-ai/z-image/turbo", TimeSpan.FromSeconds(3)))
        {
            using var started = await api.PostJsonAsync("/api/images", new { prompt = "a lighthouse at dusk", model = "z-image-turbo" });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), started.Headers.RetryAfter?.Delta);
            var jobId = (string)(await ApiClient.ReadObjectAsync(started))["jobId"]!;

            using var running = await api.GetAsync("/api/jobs/" + jobId);
            Assert.Contains((string?)(await ApiClient.ReadObjectAsync(running))["status"], new[] { "queued", "running" });
            Assert.Equal(TimeSpan.FromSeconds(2), running.Headers.RetryAfter?.Delta);

            await Jobs.WaitForTerminalAsync(api, jobId);
            using var finished = await api.GetAsync("/api/jobs/" + jobId);
            Assert.Null(finished.Headers.RetryAfter);
        }
    }

    [Fact]
    public async Task Two_reads_of_a_finished_job_return_the_same_asset_urls_and_the_second_with_if_none_match_is_a_304()
    {
        var user = Users.New("etag");
        await fixture.GrantAsync(user, 10);
        using var api = fixture.Api(user);
        var jobId = await Jobs.StartAsync(api, "/api/images", new { prompt = "a lighthouse at dusk", model = "z-image-turbo", count = 2 });
        var done = await Jobs.WaitForTerminalAsync(api, jobId);
        Assert.True((string?)done["status"] == "succeeded", done.ToJsonString());

        using var first = await api.GetAsync("/api/jobs/" + jobId);
        using var again = await api.GetAsync("/api/jobs/" + jobId);
        var etag = first.Headers.ETag;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/jobs/" + jobId);
        conditional.Headers.IfNoneMatch.Add(etag!);
        using var notModified = await api.Http.SendAsync(conditional);

        var urls = Urls(await ApiClient.ReadObjectAsync(first));
        Assert.Equal(2, urls.Count);
        Assert.Equal(urls, Urls(await ApiClient.ReadObjectAsync(again)));
        Assert.Equal(etag, again.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Contains("no-cache", first.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_etag_gets_the_full_job()
    {
        var user = Users.New("etag");
        await fixture.GrantAsync(user, 10);
        using var api = fixture.Api(user);
        var jobId = await Jobs.StartAsync(api, "/api/images", new { prompt = "a quiet harbour", model = "z-image-turbo" });
        await Jobs.WaitForTerminalAsync(api, jobId);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/jobs/" + jobId);
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"stale\""));

        using var response = await api.Http.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(jobId, (string?)(await ApiClient.ReadObjectAsync(response))["jobId"]);
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : []);

    private static List<string> Urls(JsonObject job) =>
        [.. job["result"]!["images"]!.AsArray().Select(image => (string)image!["url"]!)];
}
