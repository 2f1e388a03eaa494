using System.Text.Json.Nodes;
using Natak.Providers.Fal;
using Natak.Providers.Tests.Support;
using Natak.Providers.WaveSpeed;
using Natak.Providers.Webhooks;
using Natak.Providers.Xai;
using Natak.Simulator;

namespace Natak.Providers.Tests.Simulator;

/// <summary>The clients against the real provider simulator over loopback HTTP: the same URLs, headers, bodies and signatures.</summary>
public sealed class SimulatorContractTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private SimulatorServer _simulator = null!;
    private ProviderServices _services = null!;
    private readonly WebhookInbox _inbox = new();

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Port = 0, DefaultLatency = TimeSpan.FromMilliseconds(150), WebhookInitialBackoff = TimeSpan.FromMilliseconds(50) });
        _services = Services();
    }

    public async Task DisposeAsync()
    {
        _services.Dispose();
        _inbox.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task A_fal_job_runs_to_a_result_and_its_webhook_verifies_with_the_simulators_jwks()
    {
        var fal = _services.Get<FalClient>();

        var handle = await fal.SubmitAsync("fal-ai/z-image/turbo", new JsonObject { ["prompt"] = "a red fox in snow", ["image_size"] = "square_hd" }, _inbox.Url("fal"));
        var status = await PollFalAsync(fal, handle);
        var result = await fal.GetResultAsync(handle);

        Assert.True(status.Succeeded);
        Assert.StartsWith(_simulator.Endpoints.FalCdnBaseUrl, result.Payload["images"]![0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith(_simulator.Endpoints.FalQueueBaseUrl + "/fal-ai/z-image/requests/", handle.StatusUrl.AbsoluteUri, StringComparison.Ordinal);

        var webhook = await _inbox.WaitForAsync(w => w.Path == "/fal", Deadline);
        var check = await _services.Get<FalWebhookVerifier>().VerifyAsync(FalWebhookHeaders.From(webhook.Header), webhook.Body);
        Assert.True(check.IsValid, check.Detail);
        Assert.Equal(handle.RequestId, check.Payload!.RequestId);
        Assert.True(check.Payload.Succeeded);

        var tampered = webhook.Body.ToArray();
        tampered[^2] ^= 1;
        Assert.Equal(WebhookRejectReason.SignatureMismatch, (await _services.Get<FalWebhookVerifier>().VerifyAsync(FalWebhookHeaders.From(webhook.Header), tampered)).Reason);
    }

    [Fact]
    public async Task A_wavespeed_task_completes_and_its_webhook_verifies_with_the_fetched_secret()
    {
        var waveSpeed = _services.Get<WaveSpeedClient>();
        var image = await SampleImageUrlAsync();

        var prediction = await waveSpeed.SubmitAsync(
            "alibaba/wan-2.6/image-to-video",
            new JsonObject { ["image"] = image, ["prompt"] = "she turns and smiles", ["duration"] = 5, ["resolution"] = "720p" },
            _inbox.Url("wavespeed"));
        Assert.NotNull(prediction.ResultUrl);
        prediction = await PollWaveSpeedAsync(waveSpeed, prediction);

        Assert.True(prediction.Succeeded);
        Assert.StartsWith(_simulator.Endpoints.WaveSpeedBaseUrl + "/files/", Assert.Single(prediction.Outputs).AbsoluteUri, StringComparison.Ordinal);

        var webhook = await _inbox.WaitForAsync(w => w.Path == "/wavespeed", Deadline);
        var check = await _services.Get<WaveSpeedWebhookVerifier>().VerifyAsync(WaveSpeedWebhookHeaders.From(webhook.Header), webhook.Body);
        Assert.True(check.IsValid, check.Detail);
        Assert.Equal(prediction.Id, check.Payload!.Id);
        Assert.Equal(WaveSpeedPredictionStatus.Completed, check.Payload.Status);
    }

    [Fact]
    public async Task An_xai_completion_reports_usage_that_prices_to_a_positive_cost()
    {
        var completion = await _services.Get<XaiClient>().CompleteAsync(new XaiChatRequest([XaiChatMessage.User("Write a short video prompt about a lighthouse.")]));

        Assert.False(string.IsNullOrWhiteSpace(completion.Content));
        Assert.True(completion.Usage.PromptTokens > 0);
        Assert.True(completion.Usage.BillableOutputTokens > 0);
        Assert.True(completion.Usage.CostUsd(5m, 15m) > 0m);
        Assert.Single(_simulator.Control.Calls(SimulatorProvider.Xai, SimulatorOperation.Chat));
    }

    [Fact]
    public async Task Jobs_complete_while_a_third_of_polls_fail_with_5xx_or_429()
    {
        var image = await SampleImageUrlAsync();
        foreach (var provider in new[] { SimulatorProvider.Fal, SimulatorProvider.WaveSpeed })
        {
            foreach (var operation in new[] { SimulatorOperation.Status, SimulatorOperation.Result })
            {
                if (provider == SimulatorProvider.WaveSpeed && operation == SimulatorOperation.Status)
                {
                    continue;
                }

                _simulator.Control.AddFault(new FaultRule { Provider = provider, Operation = operation, Kind = FaultKind.Http503, Probability = 0.15 });
                _simulator.Control.AddFault(new FaultRule { Provider = provider, Operation = operation, Kind = FaultKind.Http429, Probability = 0.15 });
            }
        }

        var fal = _services.Get<FalClient>();
        var waveSpeed = _services.Get<WaveSpeedClient>();
        for (var i = 0; i < 4; i++)
        {
            var handle = await fal.SubmitAsync("fal-ai/imageutils/depth", new JsonObject { ["image_url"] = image });
            Assert.True((await PollFalAsync(fal, handle)).Succeeded);
            Assert.NotNull((await Retrying(() => fal.GetResultAsync(handle))).Payload["image"]);

            var prediction = await PollWaveSpeedAsync(waveSpeed, await waveSpeed.SubmitAsync("alibaba/wan-2.5/image-to-video", new JsonObject { ["image"] = image, ["prompt"] = "x", ["duration"] = 5 }));

            Assert.True(prediction.Succeeded);
        }

        var polls = _simulator.Control.Calls(SimulatorProvider.Fal).Concat(_simulator.Control.Calls(SimulatorProvider.WaveSpeed))
            .Where(c => c.Operation is SimulatorOperation.Status or SimulatorOperation.Result).ToList();
        Assert.Contains(polls, c => c.StatusCode == 503);
        Assert.Contains(polls, c => c.StatusCode == 429);
    }

    [Theory]
    [InlineData(SimulatorProvider.Fal)]
    [InlineData(SimulatorProvider.WaveSpeed)]
    public async Task A_submit_dropped_after_acceptance_is_ambiguous_and_sent_exactly_once(SimulatorProvider provider)
    {
        var image = await SampleImageUrlAsync();
        _simulator.Control.ClearCalls();
        _simulator.Control.AddFault(new FaultRule { Provider = provider, Operation = SimulatorOperation.Submit, Kind = FaultKind.DropAfterAccept, Times = 1 });

        var e = await Assert.ThrowsAsync<ProviderException>(() => provider == SimulatorProvider.Fal
            ? _services.Get<FalClient>().SubmitAsync("fal-ai/z-image/turbo", new JsonObject { ["prompt"] = "x" })
            : _services.Get<WaveSpeedClient>().SubmitAsync("alibaba/wan-2.6/image-to-video", new JsonObject { ["image"] = image, ["prompt"] = "x", ["duration"] = 5 }));

        Assert.Equal(ProviderErrorCodes.AmbiguousSubmit, e.ErrorCode);
        Assert.True(e.MayBeBilled);
        Assert.Single(_simulator.Control.Calls(provider, SimulatorOperation.Submit));
    }

    [Fact]
    public async Task A_blocked_prompt_is_a_content_policy_violation_on_the_prompt_field()
    {
        var fal = _services.Get<FalClient>();

        var e = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            var handle = await fal.SubmitAsync("fal-ai/z-image/turbo", new JsonObject { ["prompt"] = "a [[blocked]] scene" });
            await PollFalAsync(fal, handle);
            await fal.GetResultAsync(handle);
        });

        Assert.Equal(ProviderErrorCodes.ContentPolicyViolation, e.ErrorCode);
        Assert.False(e.IsRetryable);
        Assert.Contains(e.FieldErrors, f => f.Location == "body.prompt" && f.Type == "content_policy_violation");
    }

    [Fact]
    public async Task A_job_that_completes_with_an_error_is_reported_as_failed()
    {
        _simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Kind = FaultKind.CompletedWithError, StatusCode = 500, Times = 1 });
        var fal = _services.Get<FalClient>();

        var handle = await fal.SubmitAsync("fal-ai/z-image/turbo", new JsonObject { ["prompt"] = "x" });
        var status = await PollFalAsync(fal, handle);

        Assert.True(status.IsCompleted);
        Assert.False(status.Succeeded);
        Assert.NotNull(status.Failure);

        _simulator.Control.ClearCalls();
        var e = await Assert.ThrowsAsync<ProviderException>(() => fal.GetResultAsync(handle));
        Assert.Equal((500, false), (e.StatusCode!.Value, e.IsRetryable));
        Assert.Single(_simulator.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Result));
    }

    [Fact]
    public async Task A_queued_fal_job_can_be_cancelled()
    {
        _simulator.Control.SetModelLatency("fal-ai/z-image/turbo", TimeSpan.FromMinutes(5));
        var fal = _services.Get<FalClient>();
        var handle = await fal.SubmitAsync("fal-ai/z-image/turbo", new JsonObject { ["prompt"] = "a slow render" });

        var outcome = await fal.CancelAsync(handle);

        Assert.Equal(FalCancelOutcome.CancellationRequested, outcome);
        Assert.Single(_simulator.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Cancel));
        _simulator.Control.SetModelLatency("fal-ai/z-image/turbo", null);
        Assert.Equal(FalCancelOutcome.AlreadyCompleted, await fal.CancelAsync(await CompletedJobAsync(fal)));
    }

    [Fact]
    public async Task A_wrong_key_is_unauthorized_in_each_providers_error_shape()
    {
        await using var strict = await SimulatorServer.StartAsync(new SimulatorOptions { Port = 0, ApiKeys = ["the-right-key"] });
        using var services = new ProviderServices(new Dictionary<string, string?>
        {
            ["Providers:Fal:QueueBaseUrl"] = strict.Endpoints.FalQueueBaseUrl,
            ["Providers:WaveSpeed:BaseUrl"] = strict.Endpoints.WaveSpeedBaseUrl,
            ["Providers:Xai:BaseUrl"] = strict.Endpoints.XaiBaseUrl,
        });

        var errors = new[]
        {
            await Assert.ThrowsAsync<ProviderException>(() => services.Get<FalClient>().SubmitAsync("fal-ai/z-image/turbo", new JsonObject { ["prompt"] = "x" })),
            await Assert.ThrowsAsync<ProviderException>(() => services.Get<WaveSpeedClient>().GetResultAsync("p1")),
            await Assert.ThrowsAsync<ProviderException>(() => services.Get<XaiClient>().CompleteAsync(new XaiChatRequest([XaiChatMessage.User("x")]))),
        };

        Assert.All(errors, e => Assert.Equal(ProviderErrorCodes.Unauthorized, e.ErrorCode));
        Assert.All(errors, e => Assert.False(e.IsRetryable));
        Assert.All(errors, e => Assert.DoesNotContain(ProviderServices.FalKey, e.ToString(), StringComparison.Ordinal));
    }

    /// <summary>An image the simulator can download (its inputs must be real files): the output of a fal job.</summary>
    private async Task<string> SampleImageUrlAsync()
    {
        var fal = _services.Get<FalClient>();
        var result = await fal.GetResultAsync(await CompletedJobAsync(fal));
        return result.Payload["images"]![0]!["url"]!.GetValue<string>();
    }

    private static async Task<FalRequestHandle> CompletedJobAsync(FalClient fal)
    {
        var handle = await fal.SubmitAsync("fal-ai/z-image/turbo", new JsonObject { ["prompt"] = "a portrait in soft light", ["image_size"] = "square" });
        Assert.True((await PollFalAsync(fal, handle)).Succeeded);
        return handle;
    }

    private static async Task<FalQueueStatus> PollFalAsync(FalClient fal, FalRequestHandle handle)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < deadline)
        {
            var status = await Retrying(() => fal.GetStatusAsync(handle));
            if (status.IsCompleted)
            {
                return status;
            }

            await Task.Delay(30);
        }

        throw new TimeoutException($"fal request {handle.RequestId} did not complete.");
    }

    private static async Task<WaveSpeedPrediction> PollWaveSpeedAsync(WaveSpeedClient waveSpeed, WaveSpeedPrediction prediction)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!prediction.IsTerminal)
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"WaveSpeed prediction {prediction.Id} did not finish.");
            }

            await Task.Delay(30);
            var current = prediction;
            prediction = await Retrying(() => waveSpeed.GetResultAsync(current));
        }

        return prediction;
    }

    /// <summary>What an orchestrator does with a retryable failure of an idempotent call: try again a little later.</summary>
    private static async Task<T> Retrying<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (ProviderException e) when (e.IsRetryable && attempt < 5)
            {
                await Task.Delay(50);
            }
        }
    }

    private ProviderServices Services() => new(new Dictionary<string, string?>
    {
        ["Providers:Fal:ApiKey"] = "",
        ["Providers:Fal:QueueBaseUrl"] = _simulator.Endpoints.FalQueueBaseUrl,
        ["Providers:Fal:JwksUrl"] = _simulator.Endpoints.FalJwksUrl,
        ["Providers:WaveSpeed:ApiKey"] = "",
        ["Providers:WaveSpeed:BaseUrl"] = _simulator.Endpoints.WaveSpeedBaseUrl,
        ["Providers:Xai:ApiKey"] = "",
        ["Providers:Xai:BaseUrl"] = _simulator.Endpoints.XaiBaseUrl,
        ["Providers:Fal:Resilience:MaxRetryAttempts"] = "6",
        ["Providers:WaveSpeed:Resilience:MaxRetryAttempts"] = "6",
    });
}
