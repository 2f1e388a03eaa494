using System.Net;
using System.Text.Json;

namespace Natak.Simulator.Tests;

public sealed class FalQueueLifecycleTests
{
    private static readonly object Cat = new { prompt = "a cat on a windowsill", image_size = "square", seed = 42 };

    [Fact]
    public async Task Submit_returns_IN_QUEUE_with_owner_app_urls_and_the_request_id_header()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.FalPostAsync("fal-ai/kling-video/v2.6/pro/text-to-video", new { prompt = "waves", duration = "5" });
        var body = await SimClient.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = body.GetProperty("request_id").GetString()!;
        Assert.Equal(id, response.Headers.GetValues("x-fal-request-id").Single());
        Assert.Equal("IN_QUEUE", body.GetProperty("status").GetString());
        Assert.Equal(0, body.GetProperty("queue_position").GetInt32());
        var requestBase = $"{sim.Endpoints.FalQueueBaseUrl}/fal-ai/kling-video/requests/{id}";
        Assert.Equal(requestBase, body.GetProperty("response_url").GetString());
        Assert.Equal(requestBase + "/status", body.GetProperty("status_url").GetString());
        Assert.Equal(requestBase + "/cancel", body.GetProperty("cancel_url").GetString());
    }

    [Fact]
    public async Task A_model_owned_by_wan_keeps_wan_and_its_app_in_the_urls()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var submitted = await client.FalSubmitAsync("wan/v2.6/image-to-video", new { prompt = "walks", image_url = TestFiles.PngUri(1024, 576) });

        Assert.StartsWith($"{sim.Endpoints.FalQueueBaseUrl}/wan/v2.6/requests/", submitted.GetProperty("status_url").GetString(), StringComparison.Ordinal);
        var status = await client.FalWaitAsync(submitted);
        Assert.False(status.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Status_goes_from_202_queued_and_in_progress_to_200_completed()
    {
        // a long job of another model holds the only slot, so the request is certainly seen queued first
        await using var sim = await Sim.StartAsync(o => o.ConcurrencyLimit = 1);
        sim.Control.SetModelLatency("fal-ai/imageutils/depth", TimeSpan.FromSeconds(30));
        sim.Control.SetModelLatency("fal-ai/z-image/turbo", TimeSpan.FromMilliseconds(1500));
        using var client = new SimClient(sim);
        var blocker = await client.FalSubmitAsync("fal-ai/imageutils/depth", new { image_url = TestFiles.PngUri(64, 64) });
        var submitted = await client.FalSubmitAsync("fal-ai/z-image/turbo", Cat);
        var statusUrl = submitted.GetProperty("status_url").GetString()!;

        var seen = new List<(HttpStatusCode Code, string Status)>();
        while (seen.Count == 0 || seen[^1].Status != "COMPLETED")
        {
            var (code, body) = await client.GetJsonAsync(statusUrl, SimClient.FalAuth());
            seen.Add((code, body.GetProperty("status").GetString()!));
            if (seen.Count == 1)
            {
                using var cancel = await client.SendAsync(HttpMethod.Put, blocker.GetProperty("cancel_url").GetString()!, auth: SimClient.FalAuth());
            }

            Assert.True(seen.Count < 1000, "never completed");
            await Task.Delay(20);
        }

        Assert.Equal((HttpStatusCode.Accepted, "IN_QUEUE"), seen[0]);
        Assert.Contains((HttpStatusCode.Accepted, "IN_PROGRESS"), seen);
        Assert.Equal((HttpStatusCode.OK, "COMPLETED"), seen[^1]);
        var order = seen.Select(s => s.Status).Distinct().ToList();
        Assert.Equal(["IN_QUEUE", "IN_PROGRESS", "COMPLETED"], order);
    }

    [Fact]
    public async Task Result_before_completion_is_400_still_in_progress()
    {
        await using var sim = await Sim.StartAsync(o => o.DefaultLatency = TimeSpan.FromSeconds(2));
        using var client = new SimClient(sim);
        var submitted = await client.FalSubmitAsync("fal-ai/z-image/turbo", Cat);

        var (code, body) = await client.GetJsonAsync(submitted.GetProperty("response_url").GetString()!, SimClient.FalAuth());

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("Request is still in progress", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Result_is_the_models_output_pointing_at_downloadable_files()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var output = await client.FalRunAsync("fal-ai/z-image/turbo", Cat);

        var image = output.GetProperty("images")[0];
        Assert.Equal("image/png", image.GetProperty("content_type").GetString());
        Assert.Equal(512, image.GetProperty("width").GetInt32());
        Assert.Equal(42, output.GetProperty("seed").GetInt64());
        Assert.Equal("a cat on a windowsill", output.GetProperty("prompt").GetString());
        Assert.False(output.GetProperty("has_nsfw_concepts")[0].GetBoolean());
        var url = image.GetProperty("url").GetString()!;
        Assert.StartsWith(sim.Endpoints.FalCdnBaseUrl + "/files/", url, StringComparison.Ordinal);
        var bytes = await client.DownloadAsync(url);
        Assert.Equal(image.GetProperty("file_size").GetInt64(), bytes.Length);
    }

    [Fact]
    public async Task Completed_status_carries_metrics_and_logs_only_when_asked_for()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        var submitted = await client.FalSubmitAsync("fal-ai/z-image/turbo", Cat);
        await client.FalWaitAsync(submitted);
        var statusUrl = submitted.GetProperty("status_url").GetString()!;

        var (_, without) = await client.GetJsonAsync(statusUrl, SimClient.FalAuth());
        var (_, with) = await client.GetJsonAsync(statusUrl + "?logs=1", SimClient.FalAuth());

        Assert.Equal(JsonValueKind.Null, without.GetProperty("logs").ValueKind);
        Assert.True(with.GetProperty("logs").GetArrayLength() > 0);
        Assert.All(with.GetProperty("logs").EnumerateArray(), l => Assert.False(string.IsNullOrEmpty(l.GetProperty("message").GetString())));
        Assert.True(with.GetProperty("metrics").GetProperty("inference_time").GetDouble() > 0);
    }

    [Fact]
    public async Task A_request_looked_up_under_another_owner_app_is_not_found()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        var submitted = await client.FalSubmitAsync("fal-ai/z-image/turbo", Cat);
        var id = submitted.GetProperty("request_id").GetString();

        var (code, _) = await client.GetJsonAsync($"{sim.Endpoints.FalQueueBaseUrl}/fal-ai/flux-lora/requests/{id}/status", SimClient.FalAuth());

        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task An_unknown_model_is_404()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.FalPostAsync("fal-ai/no-such-model", new { prompt = "x" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(JsonValueKind.String, (await SimClient.JsonAsync(response)).GetProperty("detail").ValueKind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer fal-test-key-0001")]
    [InlineData("Key ")]
    public async Task Calls_without_a_Key_credential_are_401(string? auth)
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var request = new HttpRequestMessage(HttpMethod.Post, client.FalSubmitUrl("fal-ai/z-image/turbo")) { Content = new StringContent("""{"prompt":"x"}""") };
        if (auth is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", auth);
        }

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(sim.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Submit), c => c.RequestId is not null);
    }

    [Fact]
    public async Task Configured_keys_reject_other_keys()
    {
        await using var sim = await Sim.StartAsync(o => o.ApiKeys = ["the-only-key"]);
        using var client = new SimClient(sim);

        using var wrong = await client.FalPostAsync("fal-ai/z-image/turbo", Cat);
        using var right = await client.FalPostAsync("fal-ai/z-image/turbo", Cat, auth: SimClient.FalAuth("the-only-key"));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }
}
