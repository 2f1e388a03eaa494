using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Natak.Testing;

namespace Natak.Simulator.Tests;

public sealed class ControlApiTests
{
    [Fact]
    public async Task Health_answers_ok()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var (code, body) = await client.GetJsonAsync(sim.Endpoints.ControlBaseUrl + "/health", auth: null);

        Assert.Equal((HttpStatusCode.OK, "ok"), (code, body.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Config_is_read_and_changed_over_http_and_the_change_is_what_control_sees()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var put = await client.SendAsync(HttpMethod.Put, sim.Endpoints.ControlBaseUrl + "/config",
            """{"defaultLatencyMs":5,"concurrencyLimit":3,"modelLatencyMs":{"fal-ai/flux-lora":1234},"webhookMaxAttempts":7}""");
        var after = await SimClient.JsonAsync(put);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(5), sim.Control.DefaultLatency);
        Assert.Equal(3, sim.Control.ConcurrencyLimit);
        Assert.Equal(7, sim.Control.WebhookMaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(1234), sim.Control.ModelLatencies["fal-ai/flux-lora"]);
        Assert.Equal(1234, after.GetProperty("modelLatencyMs").GetProperty("fal-ai/flux-lora").GetInt64());
        Assert.Equal(100, after.GetProperty("trainingLatencyMs").GetInt64());

        using var remove = await client.SendAsync(HttpMethod.Put, sim.Endpoints.ControlBaseUrl + "/config", """{"modelLatencyMs":{"fal-ai/flux-lora":null}}""");
        Assert.Empty(sim.Control.ModelLatencies);

        using var invalid = await client.SendAsync(HttpMethod.Put, sim.Endpoints.ControlBaseUrl + "/config", """{"concurrencyLimit":-1}""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public async Task Faults_are_added_listed_applied_and_removed_over_http()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        var faults = sim.Endpoints.ControlBaseUrl + "/faults";

        using var created = await client.SendAsync(HttpMethod.Post, faults, """{"provider":"fal","model":"fal-ai/z-image/turbo","operation":"submit","kind":"http429","times":5}""");
        var rule = await SimClient.JsonAsync(created);
        var id = rule.GetProperty("id").GetString()!;
        using var hit = await client.FalPostAsync("fal-ai/z-image/turbo", new { prompt = "x" });
        var (_, listed) = await client.GetJsonAsync(faults, auth: null);
        using var deleted = await client.SendAsync(HttpMethod.Delete, faults + "/" + id);
        using var deletedAgain = await client.SendAsync(HttpMethod.Delete, faults + "/" + id);
        using var after = await client.FalPostAsync("fal-ai/z-image/turbo", new { prompt = "x" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, hit.StatusCode);
        Assert.Equal(4, Assert.Single(listed.EnumerateArray()).GetProperty("remaining").GetInt32());
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (deleted.StatusCode, deletedAgain.StatusCode));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_delay_is_given_in_milliseconds_over_http()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var created = await client.SendAsync(HttpMethod.Post, sim.Endpoints.ControlBaseUrl + "/faults", """{"provider":"wavespeed","kind":"delayWebhook","delayMs":1500}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Assert.Single(sim.Control.ActiveFaults).Delay);
    }

    [Theory]
    [InlineData("""{"provider":"fal","kind":"dropWebhook","operation":"submit"}""")]
    [InlineData("""{"provider":"fal","kind":"http500","probability":2}""")]
    [InlineData("""{"kind":"http500"}""")]
    [InlineData("""{"provider":"fal","kind":"explode"}""")]
    public async Task Inconsistent_fault_rules_are_400(string json)
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.SendAsync(HttpMethod.Post, sim.Endpoints.ControlBaseUrl + "/faults", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(sim.Control.ActiveFaults);
    }

    [Fact]
    public async Task The_call_log_records_every_call_in_order_without_the_api_keys()
    {
        await using var sim = await Sim.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new SimClient(sim);

        var submitted = await client.FalSubmitAsync("fal-ai/z-image/turbo", new { prompt = "a boat", seed = 3 }, webhook: receiver.BaseUrl + "/h?x=1");
        await client.FalWaitAsync(submitted);
        var output = await client.FalRunAsync("fal-ai/z-image/turbo", new { prompt = "again" });
        await client.DownloadAsync(output.GetProperty("images")[0].GetProperty("url").GetString()!);
        await receiver.WaitForAsync(1);
        await client.WaveSpeedSubmitAsync("kwaivgi/kling-v2.6-pro/text-to-video", new { prompt = "x" });
        using var chat = await client.ChatAsync(new { model = "grok-4.3", messages = new[] { new { role = "user", content = "x" } } });
        await sim.Control.WaitForCallAsync(c => c.Operation == SimulatorOperation.Chat, TimeSpan.FromSeconds(5));

        var calls = sim.Control.Calls();
        Assert.Equal(calls.Select(c => c.Seq).Order().ToArray(), calls.Select(c => c.Seq).ToArray());
        var firstSubmit = calls.First(c => c.Operation == SimulatorOperation.Submit);
        Assert.Equal(("fal-ai/z-image/turbo", submitted.GetProperty("request_id").GetString(), "POST", "/fal/queue/fal-ai/z-image/turbo", 200),
            (firstSubmit.Model, firstSubmit.RequestId, firstSubmit.Method, firstSubmit.Path, firstSubmit.StatusCode));
        Assert.Equal("a boat", firstSubmit.Input!.Value.GetProperty("prompt").GetString());
        Assert.Contains(calls, c => c.Operation == SimulatorOperation.Status && c.StatusCode == 200 && c.Model == "fal-ai/z-image/turbo");
        Assert.Contains(calls, c => c.Operation == SimulatorOperation.Result && c.StatusCode == 200);
        Assert.Contains(calls, c => c.Operation == SimulatorOperation.File && c.StatusCode == 200 && c.Model == "fal-ai/z-image/turbo");
        Assert.Contains(calls, c => c.Operation == SimulatorOperation.Webhook && c.Attempt == 1 && c.Target == receiver.BaseUrl + "/h?x=1" && c.StatusCode == 200);
        Assert.Contains(calls, c => c.Provider == SimulatorProvider.WaveSpeed && c.Operation == SimulatorOperation.Submit);
        Assert.Contains(calls, c => c.Provider == SimulatorProvider.Xai && c.Operation == SimulatorOperation.Chat && c.Model == "grok-4.3");

        using var overHttp = await client.SendAsync(HttpMethod.Get, sim.Endpoints.ControlBaseUrl + "/calls");
        var text = await overHttp.Content.ReadAsStringAsync();
        Assert.Contains("\"operation\":\"webhook\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SimClient.FalKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SimClient.WaveSpeedKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SimClient.XaiKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_are_filtered_by_provider_and_operation_and_cleared_over_http()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        await client.FalSubmitAsync("fal-ai/z-image/turbo", new { prompt = "x" });
        await client.WaveSpeedSubmitAsync("kwaivgi/kling-v2.6-pro/text-to-video", new { prompt = "x" });
        var calls = sim.Endpoints.ControlBaseUrl + "/calls";

        var (_, fal) = await client.GetJsonAsync(calls + "?provider=fal&operation=submit", auth: null);
        var (_, ws) = await client.GetJsonAsync(calls + "?provider=wavespeed", auth: null);
        var (badCode, _) = await client.GetJsonAsync(calls + "?operation=teleport", auth: null);
        using var cleared = await client.SendAsync(HttpMethod.Delete, calls);
        var (_, none) = await client.GetJsonAsync(calls, auth: null);

        Assert.Equal("fal", Assert.Single(fal.EnumerateArray()).GetProperty("provider").GetString());
        Assert.Equal("wavespeed", Assert.Single(ws.EnumerateArray()).GetProperty("provider").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badCode);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(0, none.GetArrayLength());
    }

    [Fact]
    public async Task Reset_restores_the_start_up_settings_and_clears_faults_and_calls()
    {
        await using var sim = await Sim.StartAsync(o => o.ConcurrencyLimit = 2);
        using var client = new SimClient(sim);
        sim.Control.ConcurrencyLimit = 9;
        sim.Control.SetModelLatency("fal-ai/dwpose", TimeSpan.FromSeconds(1));
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Kind = FaultKind.Http500 });
        await client.FalPostAsync("fal-ai/z-image/turbo", new { prompt = "x" });

        using var reset = await client.SendAsync(HttpMethod.Post, sim.Endpoints.ControlBaseUrl + "/reset");

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(2, sim.Control.ConcurrencyLimit);
        Assert.Empty(sim.Control.ModelLatencies);
        Assert.Empty(sim.Control.ActiveFaults);
        Assert.Empty(sim.Control.Calls());
    }

    [Fact]
    public async Task The_simulator_can_be_mapped_into_an_existing_app()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Configuration["Simulator:DefaultLatency"] = "00:00:00.020";
        builder.AddNatakSimulator(o => o.QueueTime = TimeSpan.Zero);
        await using var app = builder.Build();
        app.MapGet("/api/own-route", () => "mine");
        app.MapNatakSimulator();
        await app.StartAsync();
        using var http = new HttpClient();
        var baseUrl = $"http://127.0.0.1:{port}";

        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/fal/queue/fal-ai/z-image/turbo") { Content = new StringContent("""{"prompt":"x"}""") };
        request.Headers.TryAddWithoutValidation("Authorization", "Key k");
        using var submit = await http.SendAsync(request);
        var submitted = JsonDocument.Parse(await submit.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        Assert.StartsWith(baseUrl + "/fal/queue/fal-ai/z-image/requests/", submitted.GetProperty("status_url").GetString(), StringComparison.Ordinal);
        Assert.Equal("mine", await http.GetStringAsync(baseUrl + "/api/own-route"));
        var control = app.Services.GetService(typeof(SimulatorControl)) as SimulatorControl;
        Assert.Equal(TimeSpan.FromMilliseconds(20), control!.DefaultLatency);
        await app.StopAsync();
    }

    [Fact]
    public async Task Invalid_options_fail_at_start()
    {
        await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            SimulatorServer.StartAsync(new SimulatorOptions { ConcurrencyLimit = -1, FalSigningKeySeed = "short" }));
    }

    [Fact]
    public async Task A_public_base_url_is_used_in_the_urls_handed_out()
    {
        var port = FreePort.Next();
        await using var sim = await Sim.StartAsync(o =>
        {
            o.Port = port;
            o.PublicBaseUrl = "https://sim.example.test/";
        });
        using var client = new SimClient(sim);

        using var response = await client.SendAsync(HttpMethod.Post, sim.ListenUrl + "fal/queue/fal-ai/z-image/turbo", new { prompt = "x" }, SimClient.FalAuth());
        var submitted = await SimClient.JsonAsync(response);

        Assert.Equal("https://sim.example.test/fal/queue", sim.Endpoints.FalQueueBaseUrl);
        Assert.Equal(new Uri($"http://127.0.0.1:{port}"), sim.ListenUrl);
        Assert.StartsWith("https://sim.example.test/fal/queue/fal-ai/z-image/requests/", submitted.GetProperty("status_url").GetString(), StringComparison.Ordinal);
    }
}
