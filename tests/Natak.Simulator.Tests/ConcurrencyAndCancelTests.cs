using System.Net;
using System.Text.Json;

namespace Natak.Simulator.Tests;

public sealed class ConcurrencyAndCancelTests
{
    private const string Model = "fal-ai/z-image/turbo";
    private static readonly object Prompt = new { prompt = "x", image_size = "square" };

    [Fact]
    public async Task Requests_over_the_limit_wait_in_queue_in_submission_order()
    {
        await using var sim = await Sim.StartAsync(o =>
        {
            o.ConcurrencyLimit = 1;
            o.DefaultLatency = TimeSpan.FromSeconds(30);
        });
        using var client = new SimClient(sim);

        var a = await client.FalSubmitAsync(Model, Prompt);
        var b = await client.FalSubmitAsync(Model, Prompt);
        var c = await client.FalSubmitAsync(Model, Prompt);

        Assert.Equal((0, 1), (b.GetProperty("queue_position").GetInt32(), c.GetProperty("queue_position").GetInt32()));
        await WaitForStatusAsync(client, a, "IN_PROGRESS");
        Assert.Equal(("IN_QUEUE", (int?)0), await StatusAsync(client, b));
        Assert.Equal(("IN_QUEUE", (int?)1), await StatusAsync(client, c));

        await CancelAsync(client, a);
        await WaitForStatusAsync(client, b, "IN_PROGRESS");
        Assert.Equal(("IN_QUEUE", (int?)0), await StatusAsync(client, c));
    }

    [Fact]
    public async Task The_limit_applies_per_api_key()
    {
        await using var sim = await Sim.StartAsync(o =>
        {
            o.ConcurrencyLimit = 1;
            o.DefaultLatency = TimeSpan.FromSeconds(30);
        });
        using var client = new SimClient(sim);

        var mine = await client.FalSubmitAsync(Model, Prompt, key: "key-one");
        var theirs = await client.FalSubmitAsync(Model, Prompt, key: "key-two");
        var mineAgain = await client.FalSubmitAsync(Model, Prompt, key: "key-one");

        await WaitForStatusAsync(client, mine, "IN_PROGRESS", "key-one");
        await WaitForStatusAsync(client, theirs, "IN_PROGRESS", "key-two");
        Assert.Equal("IN_QUEUE", (await StatusAsync(client, mineAgain, "key-one")).Status);
    }

    [Fact]
    public async Task Raising_the_limit_starts_waiting_requests()
    {
        await using var sim = await Sim.StartAsync(o =>
        {
            o.ConcurrencyLimit = 1;
            // longer than the wait below: the second request can start only because the limit was raised
            o.DefaultLatency = TimeSpan.FromSeconds(30);
        });
        using var client = new SimClient(sim);
        var first = await client.FalSubmitAsync(Model, Prompt);
        var second = await client.FalSubmitAsync(Model, Prompt);
        await WaitForStatusAsync(client, first, "IN_PROGRESS");
        Assert.Equal("IN_QUEUE", (await StatusAsync(client, second)).Status);

        sim.Control.ConcurrencyLimit = 0;

        await WaitForStatusAsync(client, second, "IN_PROGRESS");
    }

    [Fact]
    public async Task Cancelling_a_queued_request_is_accepted_and_it_never_runs()
    {
        await using var sim = await Sim.StartAsync(o =>
        {
            o.ConcurrencyLimit = 1;
            o.DefaultLatency = TimeSpan.FromMilliseconds(500);
        });
        using var client = new SimClient(sim);
        var running = await client.FalSubmitAsync(Model, Prompt);
        var queued = await client.FalSubmitAsync(Model, Prompt);

        var (code, body) = await CancelAsync(client, queued);
        var status = await client.FalWaitAsync(queued);
        var (_, withLogs) = await client.GetJsonAsync(queued.GetProperty("status_url").GetString() + "?logs=1", SimClient.FalAuth());
        var (resultCode, result) = await client.GetJsonAsync(queued.GetProperty("response_url").GetString()!, SimClient.FalAuth());

        Assert.Equal((HttpStatusCode.Accepted, "CANCELLATION_REQUESTED"), (code, body.GetProperty("status").GetString()));
        Assert.Equal("client_cancelled", status.GetProperty("error_type").GetString());
        Assert.DoesNotContain(withLogs.GetProperty("logs").EnumerateArray(), l => l.GetProperty("message").GetString()!.StartsWith("Running", StringComparison.Ordinal));
        Assert.Equal(499, (int)resultCode);
        Assert.Equal("client_cancelled", result.GetProperty("error_type").GetString());
        Assert.False((await client.FalWaitAsync(running)).TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Cancelling_a_running_request_ends_it_as_cancelled()
    {
        await using var sim = await Sim.StartAsync(o => o.DefaultLatency = TimeSpan.FromSeconds(5));
        using var client = new SimClient(sim);
        var submitted = await client.FalSubmitAsync(Model, Prompt);
        await WaitForStatusAsync(client, submitted, "IN_PROGRESS");

        var (code, body) = await CancelAsync(client, submitted);
        var status = await client.FalWaitAsync(submitted);

        Assert.Equal((HttpStatusCode.Accepted, "CANCELLATION_REQUESTED"), (code, body.GetProperty("status").GetString()));
        Assert.Equal("client_cancelled", status.GetProperty("error_type").GetString());
    }

    [Fact]
    public async Task Cancelling_a_completed_request_is_400_already_completed()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        var submitted = await client.FalSubmitAsync(Model, Prompt);
        await client.FalWaitAsync(submitted);

        var (code, body) = await CancelAsync(client, submitted);

        Assert.Equal((HttpStatusCode.BadRequest, "ALREADY_COMPLETED"), (code, body.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Cancelling_an_unknown_request_is_404_not_found()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.SendAsync(HttpMethod.Put, $"{sim.Endpoints.FalQueueBaseUrl}/fal-ai/z-image/requests/{Guid.NewGuid()}/cancel", auth: SimClient.FalAuth());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", (await SimClient.JsonAsync(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_request_that_cannot_start_within_its_request_timeout_fails_with_a_user_timeout()
    {
        await using var sim = await Sim.StartAsync(o =>
        {
            o.ConcurrencyLimit = 1;
            o.DefaultLatency = TimeSpan.FromSeconds(30);
        });
        using var client = new SimClient(sim);
        var blocking = await client.FalSubmitAsync(Model, Prompt);
        using var request = new HttpRequestMessage(HttpMethod.Post, client.FalSubmitUrl(Model)) { Content = new StringContent("""{"prompt":"x"}""") };
        request.Headers.TryAddWithoutValidation("Authorization", SimClient.FalAuth());
        request.Headers.TryAddWithoutValidation("X-Fal-Request-Timeout", "0.3");
        using var submit = await client.Http.SendAsync(request);
        var impatient = await SimClient.JsonAsync(submit);

        var status = await client.FalWaitAsync(impatient);
        using var result = await client.SendAsync(HttpMethod.Get, impatient.GetProperty("response_url").GetString()!, auth: SimClient.FalAuth());

        Assert.Equal("request_timeout", status.GetProperty("error_type").GetString());
        Assert.Equal(HttpStatusCode.GatewayTimeout, result.StatusCode);
        Assert.Equal("user", result.Headers.GetValues("X-Fal-Request-Timeout-Type").Single());
        Assert.Equal("IN_PROGRESS", (await StatusAsync(client, blocking)).Status);
    }

    private static async Task<(HttpStatusCode, JsonElement)> CancelAsync(SimClient client, JsonElement submitted)
    {
        using var response = await client.SendAsync(HttpMethod.Put, submitted.GetProperty("cancel_url").GetString()!, auth: SimClient.FalAuth());
        return (response.StatusCode, await SimClient.JsonAsync(response));
    }

    private static async Task<(string Status, int? QueuePosition)> StatusAsync(SimClient client, JsonElement submitted, string key = SimClient.FalKey)
    {
        var (_, body) = await client.GetJsonAsync(submitted.GetProperty("status_url").GetString()!, SimClient.FalAuth(key));
        return (body.GetProperty("status").GetString()!, body.TryGetProperty("queue_position", out var p) ? p.GetInt32() : null);
    }

    private static async Task WaitForStatusAsync(SimClient client, JsonElement submitted, string wanted, string key = SimClient.FalKey)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while ((await StatusAsync(client, submitted, key)).Status != wanted)
        {
            Assert.True(DateTime.UtcNow < deadline, $"never reached {wanted}");
            await Task.Delay(10);
        }
    }
}
