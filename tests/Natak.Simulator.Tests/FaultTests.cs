using System.Net;
using System.Text.Json;

namespace Natak.Simulator.Tests;

public sealed class FaultTests
{
    private static readonly object Prompt = new { prompt = "x", image_size = "square" };

    [Theory]
    [InlineData(FaultKind.Http429, 429, "rate_limited")]
    [InlineData(FaultKind.Http500, 500, "internal_error")]
    [InlineData(FaultKind.Http502, 502, "runner_incomplete_response")]
    [InlineData(FaultKind.Http503, 503, "runner_scheduling_failure")]
    [InlineData(FaultKind.Http504, 504, "request_timeout")]
    public async Task Status_faults_answer_submit_in_fals_request_error_shape_and_queue_nothing(FaultKind kind, int status, string errorType)
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Submit, Kind = kind });

        using var response = await client.FalPostAsync("fal-ai/z-image/turbo", Prompt);
        var body = await SimClient.JsonAsync(response);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(errorType, body.GetProperty("error_type").GetString());
        Assert.Equal(JsonValueKind.String, body.GetProperty("detail").ValueKind);
        Assert.Equal(errorType, response.Headers.GetValues("X-Fal-Error-Type").Single());
        Assert.Equal("true", response.Headers.GetValues("X-Fal-Retryable").Single());
        var call = Assert.Single(sim.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Submit));
        Assert.Null(call.RequestId);
        Assert.Contains(ProviderName(kind), call.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Times_limits_a_fault_to_the_next_matching_calls()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        var rule = sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Kind = FaultKind.Http503, Times = 2 });

        var codes = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.FalPostAsync("fal-ai/z-image/turbo", Prompt);
            codes.Add((int)response.StatusCode);
        }

        Assert.Equal([503, 503, 200], codes);
        Assert.DoesNotContain(sim.Control.ActiveFaults, f => f.Id == rule.Id);
    }

    [Fact]
    public async Task Probability_draws_from_the_seeded_random_source()
    {
        async Task<List<int>> RunAsync()
        {
            await using var sim = await Sim.StartAsync(o => o.RandomSeed = 99);
            using var client = new SimClient(sim);
            sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Submit, Kind = FaultKind.Http500, Probability = 0.5 });
            var codes = new List<int>();
            for (var i = 0; i < 24; i++)
            {
                using var response = await client.FalPostAsync("fal-ai/z-image/turbo", Prompt);
                codes.Add((int)response.StatusCode);
            }

            return codes;
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.Contains(500, first);
        Assert.Contains(200, first);
    }

    [Fact]
    public async Task A_model_rule_matches_its_sub_paths_but_not_a_longer_name()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Model = "fal-ai/flux-lora", Kind = FaultKind.Http502 });

        using var exact = await client.FalPostAsync("fal-ai/flux-lora", Prompt);
        using var subPath = await client.FalPostAsync("fal-ai/flux-lora/inpainting", new { prompt = "x", image_url = TestFiles.PngUri(64, 64), mask_url = TestFiles.PngUri(64, 64) });
        using var longerName = await client.FalPostAsync("fal-ai/flux-lora-fast-training", new { images_data_url = TestFiles.DataUri(TestFiles.Zip(4), "application/zip") });

        Assert.Equal((HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.OK), (exact.StatusCode, subPath.StatusCode, longerName.StatusCode));
    }

    [Fact]
    public async Task An_operation_rule_leaves_other_operations_alone()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Status, Kind = FaultKind.Http500, Times = 1 });

        var submitted = await client.FalSubmitAsync("fal-ai/z-image/turbo", Prompt);
        var (first, body) = await client.GetJsonAsync(submitted.GetProperty("status_url").GetString()!, SimClient.FalAuth());
        var completed = await client.FalWaitAsync(submitted);

        Assert.Equal(HttpStatusCode.InternalServerError, first);
        Assert.Equal("internal_error", body.GetProperty("error_type").GetString());
        Assert.Equal("COMPLETED", completed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_hang_holds_the_request_until_the_client_gives_up()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim, timeout: TimeSpan.FromMilliseconds(400));
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Submit, Kind = FaultKind.Hang, Times = 1 });

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => client.FalPostAsync("fal-ai/z-image/turbo", Prompt));
        var hung = await sim.Control.WaitForCallAsync(c => c.Operation == SimulatorOperation.Submit, TimeSpan.FromSeconds(5));

        Assert.Equal(0, hung.StatusCode);
        Assert.Null(hung.RequestId);
    }

    [Fact]
    public async Task A_hang_with_a_delay_drops_the_connection_after_it()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.WaveSpeed, Operation = SimulatorOperation.Result, Kind = FaultKind.Hang, Delay = TimeSpan.FromMilliseconds(300), Times = 1 });
        var submitted = await client.WaveSpeedSubmitAsync("kwaivgi/kling-v2.6-pro/text-to-video", new { prompt = "x" });
        var started = DateTime.UtcNow;

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetJsonAsync(submitted.GetProperty("urls").GetProperty("get").GetString()!, SimClient.Bearer(SimClient.WaveSpeedKey)));

        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task Drop_after_accept_aborts_the_answer_yet_the_request_exists_and_runs()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Kind = FaultKind.DropAfterAccept, Times = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.FalPostAsync("fal-ai/z-image/turbo", Prompt));

        var submit = Assert.Single(sim.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Submit));
        Assert.NotNull(submit.RequestId);
        Assert.Equal(0, submit.StatusCode);
        Assert.Equal("x", submit.Input!.Value.GetProperty("prompt").GetString());
        var statusUrl = $"{sim.Endpoints.FalQueueBaseUrl}/fal-ai/z-image/requests/{submit.RequestId}/status";
        var completed = await client.FalWaitAsync(JsonDocument.Parse($$"""{"status_url":"{{statusUrl}}"}""").RootElement);
        Assert.False(completed.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Completed_with_error_reports_COMPLETED_with_the_error_and_the_result_answers_the_models_error()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Kind = FaultKind.CompletedWithError, StatusCode = 422, ErrorType = "content_policy_violation" });

        var submitted = await client.FalSubmitAsync("fal-ai/z-image/turbo", Prompt);
        var status = await client.FalWaitAsync(submitted);
        using var result = await client.SendAsync(HttpMethod.Get, submitted.GetProperty("response_url").GetString()!, auth: SimClient.FalAuth());
        var body = await SimClient.JsonAsync(result);

        Assert.Equal("content_policy_violation", status.GetProperty("error_type").GetString());
        Assert.False(string.IsNullOrEmpty(status.GetProperty("error").GetString()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, result.StatusCode);
        Assert.Equal("content_policy_violation", body.GetProperty("detail")[0].GetProperty("type").GetString());
        Assert.Contains("completedWithError", Assert.Single(sim.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Submit)).Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completed_with_error_defaults_to_a_500_internal_server_error()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Kind = FaultKind.CompletedWithError });

        var submitted = await client.FalSubmitAsync("fal-ai/z-image/turbo", Prompt);
        await client.FalWaitAsync(submitted);
        var (code, body) = await client.GetJsonAsync(submitted.GetProperty("response_url").GetString()!, SimClient.FalAuth());

        Assert.Equal(HttpStatusCode.InternalServerError, code);
        Assert.Equal("internal_server_error", body.GetProperty("detail")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_failed_job_reports_a_request_error_with_its_type_in_body_and_header()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Kind = FaultKind.Failed });

        var submitted = await client.FalSubmitAsync("fal-ai/z-image/turbo", Prompt);
        var status = await client.FalWaitAsync(submitted);
        using var result = await client.SendAsync(HttpMethod.Get, submitted.GetProperty("response_url").GetString()!, auth: SimClient.FalAuth());
        var body = await SimClient.JsonAsync(result);

        Assert.Equal("runner_disconnected", status.GetProperty("error_type").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.StatusCode);
        Assert.Equal("runner_disconnected", body.GetProperty("error_type").GetString());
        Assert.Equal("runner_disconnected", result.Headers.GetValues("X-Fal-Error-Type").Single());
    }

    [Fact]
    public async Task WaveSpeed_status_faults_use_its_envelope()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.WaveSpeed, Kind = FaultKind.Http429, Times = 1 });

        using var response = await client.WaveSpeedPostAsync("kwaivgi/kling-v2.6-pro/text-to-video", new { prompt = "x" });
        var body = await SimClient.JsonAsync(response);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(429, body.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task Xai_status_faults_use_its_flat_error_body()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Xai, Kind = FaultKind.Http503, Times = 1 });

        using var response = await client.ChatAsync(new { model = "grok-4.3", messages = new[] { new { role = "user", content = "hi" } } });
        var body = await SimClient.JsonAsync(response);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(JsonValueKind.String, body.GetProperty("code").ValueKind);
        Assert.Equal(JsonValueKind.String, body.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task A_chat_can_be_dropped_after_it_was_answered_and_billed()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Xai, Kind = FaultKind.DropAfterAccept, Times = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.ChatAsync(new { model = "grok-4.3", messages = new[] { new { role = "user", content = "hi" } } }));

        Assert.Equal(0, Assert.Single(sim.Control.Calls(SimulatorProvider.Xai, SimulatorOperation.Chat)).StatusCode);
    }

    [Fact]
    public async Task Output_downloads_can_fail_too()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        var output = await client.FalRunAsync("fal-ai/z-image/turbo", Prompt);
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.File, Kind = FaultKind.Http503, Times = 1 });
        var url = output.GetProperty("images")[0].GetProperty("url").GetString()!;

        using var first = await client.Http.GetAsync(url);
        using var second = await client.Http.GetAsync(url);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
    }

    [Fact]
    public async Task Inconsistent_rules_are_refused()
    {
        await using var sim = await Sim.StartAsync();

        Assert.Throws<ArgumentException>(() => sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Kind = FaultKind.DropWebhook, Operation = SimulatorOperation.Submit }));
        Assert.Throws<ArgumentException>(() => sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Kind = FaultKind.Http500, Probability = 1.5 }));
        Assert.Throws<ArgumentException>(() => sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Xai, Kind = FaultKind.Failed }));
        Assert.Throws<ArgumentException>(() => sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Kind = FaultKind.Http500, Times = 0 }));
        Assert.Empty(sim.Control.ActiveFaults);
    }

    private static string ProviderName(FaultKind kind) => JsonSerializer.Serialize(kind).Trim('"');
}
