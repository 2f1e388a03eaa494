using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Natak.Providers;
using Natak.Providers.Fal;
using Natak.Simulator;

namespace Natak.EndToEnd.Tests.Videos;

/// <summary>
/// Kling is sold by fal (preferred) and WaveSpeed. A submit fal refuses (503, nothing created) is sent to fal again
/// after a back-off; when fal keeps refusing past the retry window, fails, times out or its circuit is open, the
/// video comes from WaveSpeed — never with both generating at once, always one charge to the user, and the spend on
/// the provider that delivered.
/// </summary>
[Collection(VideoHostCollection.Name)]
public sealed class KlingFailoverTests(VideoHostFixture fixture)
{
    private const string FalKling26 = "fal-ai/kling-video/v2.6/pro/image-to-video";
    private const string WaveSpeedKling26 = "kwaivgi/kling-v2.6-pro/image-to-video";

    [Fact]
    public async Task When_fal_answers_503_once_the_submit_is_sent_to_fal_again_and_fal_makes_the_video()
    {
        using var user = await VideoUser.CreateAsync(fixture, credits: 100);
        var image = await user.StartFrameUrlAsync();
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Model = FalKling26, Operation = SimulatorOperation.Submit, Kind = FaultKind.Http503, Times = 1 });

        var job = await user.RunAsync(new { model = "kling-2.6-pro", prompt = "a kite over the dunes", imageUrl = image, durationSeconds = 5, audio = true });

        VideoUser.AssertStatus("succeeded", job);
        var calls = user.PaidCalls();
        Assert.Equal([(SimulatorProvider.Fal, FalKling26, 503), (SimulatorProvider.Fal, FalKling26, 200)], calls.Select(c => (c.Provider, c.Model!, c.StatusCode)));
        Assert.Equal((15L, 0L), ((long)job["credits"]!["charged"]!, (long)job["credits"]!["refunded"]!));
        var paid = Assert.Single(await user.SpendAsync((string)job["jobId"]!), s => s.Provider != "natak");
        Assert.Equal(("fal", FalKling26), (paid.Provider, paid.Model));
    }

    [Fact]
    public async Task When_fal_keeps_answering_503_past_the_retry_window_WaveSpeed_makes_the_video_and_the_user_pays_once()
    {
        using var user = await VideoUser.CreateAsync(fixture, credits: 100);
        var image = await user.StartFrameUrlAsync();
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Model = FalKling26, Operation = SimulatorOperation.Submit, Kind = FaultKind.Http503 });

        var job = await user.RunAsync(new { model = "kling-2.6-pro", prompt = "a kite over the dunes", imageUrl = image, durationSeconds = 5, audio = true });
        fixture.Simulator.Control.ClearFaults();

        VideoUser.AssertStatus("succeeded", job);
        var calls = user.PaidCalls();
        var refused = calls.Where(c => c.Provider == SimulatorProvider.Fal).ToList();
        Assert.True(refused.Count >= 2, "fal was asked again before failing over");
        Assert.All(refused, c => Assert.Equal(503, c.StatusCode));
        var waveSpeed = calls[^1];
        Assert.Equal((SimulatorProvider.WaveSpeed, WaveSpeedKling26, 200), (waveSpeed.Provider, waveSpeed.Model, waveSpeed.StatusCode));
        Assert.Equal(refused.Count + 1, calls.Count);
        // Within the retry window (sooner when fal's refusals open its circuit: a provider that is down is not waited for).
        Assert.InRange(waveSpeed.At - refused[0].At, TimeSpan.Zero, VideoHostFixture.SubmitRetryWindow + TimeSpan.FromSeconds(3));
        var input = waveSpeed.Input!.Value;
        Assert.Equal((5, true), (input.GetProperty("duration").GetInt32(), input.GetProperty("sound").GetBoolean()));
        Assert.True((await VideoUser.DownloadVideoAsync(job)).Info.HasAudio);
        await AssertChargedOnceWithSpendOnWaveSpeedAsync(user, job, credits: 15, usd: 0.70m, WaveSpeedKling26);
    }

    [Fact]
    public async Task When_fal_accepts_and_then_fails_WaveSpeed_delivers_and_nothing_is_left_running_at_fal()
    {
        using var user = await VideoUser.CreateAsync(fixture, credits: 100);
        var image = await user.StartFrameUrlAsync();
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Model = FalKling26, Operation = SimulatorOperation.Submit, Kind = FaultKind.Failed, Times = 1 });

        var job = await user.RunAsync(new { model = "kling-2.6-pro", prompt = "a kite over the dunes", imageUrl = image, audio = true });

        VideoUser.AssertStatus("succeeded", job);
        var calls = user.PaidCalls();
        Assert.Equal([(SimulatorProvider.Fal, FalKling26), (SimulatorProvider.WaveSpeed, WaveSpeedKling26)], calls.Select(c => (c.Provider, c.Model!)));
        var falRequest = calls[0].RequestId!;

        // fal had reported the request finished (status 200 = COMPLETED) before WaveSpeed was asked.
        var ended = user.Calls(SimulatorProvider.Fal, SimulatorOperation.Status)
            .Where(c => c.Path.Contains(falRequest, StringComparison.Ordinal) && c.StatusCode == 200);
        Assert.Contains(ended, c => c.Seq < calls[1].Seq);
        Assert.Equal(HttpStatusCode.OK, await FalStatusAsync(falRequest));
        await AssertChargedOnceWithSpendOnWaveSpeedAsync(user, job, credits: 15, usd: 0.70m, WaveSpeedKling26);
    }

    [Fact]
    public async Task When_fals_finished_video_cannot_be_fetched_for_a_while_it_is_fetched_again_never_made_twice()
    {
        using var user = await VideoUser.CreateAsync(fixture, credits: 100);
        var image = await user.StartFrameUrlAsync();
        var health = fixture.Host.Services.GetRequiredService<IProviderHealth>();
        // five 503s use up one fetch's own retries (1 + 4 attempts); the activity's retry then fetches the result
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Model = FalKling26, Operation = SimulatorOperation.Result, Kind = FaultKind.Http503, Times = 5 });
        try
        {
            var job = await user.RunAsync(new { model = "kling-2.6-pro", prompt = "a kite over the dunes", imageUrl = image, audio = true });

            VideoUser.AssertStatus("succeeded", job);
            var call = Assert.Single(user.PaidCalls());
            Assert.Equal((SimulatorProvider.Fal, FalKling26), (call.Provider, call.Model));
            Assert.True(user.Calls(SimulatorProvider.Fal, SimulatorOperation.Result).Count(c => c.Path.Contains(call.RequestId!, StringComparison.Ordinal)) >= 6, "the result was fetched again after the first fetch gave up");
            Assert.Equal((15L, 0L), ((long)job["credits"]!["charged"]!, (long)job["credits"]!["refunded"]!));
        }
        finally
        {
            if (health.IsCircuitOpen(ProviderKind.Fal))
            {
                await CloseFalCircuitAsync();
            }
        }
    }

    [Fact]
    public async Task When_fal_runs_past_the_models_deadline_it_is_cancelled_before_WaveSpeed_generates()
    {
        const string falKling21 = "fal-ai/kling-video/v2.1/pro/image-to-video";
        using var user = await VideoUser.CreateAsync(fixture, credits: 100);
        var image = await user.StartFrameUrlAsync();
        using (fixture.SlowModel(falKling21))
        {
            var job = await user.RunAsync(new { model = "kling-2.1-pro", prompt = "waves on a rocky shore", imageUrl = image, durationSeconds = 5 });

            VideoUser.AssertStatus("succeeded", job);
            var calls = user.PaidCalls();
            Assert.Equal([(SimulatorProvider.Fal, falKling21), (SimulatorProvider.WaveSpeed, "kwaivgi/kling-v2.1-i2v-pro")], calls.Select(c => (c.Provider, c.Model!)));
            var falRequest = calls[0].RequestId!;
            var cancel = Assert.Single(user.Calls(SimulatorProvider.Fal, SimulatorOperation.Cancel));
            Assert.Contains(falRequest, cancel.Path, StringComparison.Ordinal);
            Assert.True(cancel.Seq < calls[1].Seq, "fal was told to cancel before WaveSpeed was asked");
            Assert.True(cancel.At - calls[0].At >= VideoHostFixture.ShortDeadline, "the per-model deadline (8 s), not the video default (2 min), ended the wait");
            Assert.Contains(user.Calls(SimulatorProvider.Fal, SimulatorOperation.Status),
                c => c.Path.Contains(falRequest, StringComparison.Ordinal) && c.StatusCode == 200 && c.Seq > cancel.Seq && c.Seq < calls[1].Seq);
            await AssertChargedOnceWithSpendOnWaveSpeedAsync(user, job, credits: 30, usd: 0.45m, "kwaivgi/kling-v2.1-i2v-pro");
        }
    }

    [Fact]
    public async Task When_fals_circuit_is_open_the_submit_goes_straight_to_WaveSpeed()
    {
        using var user = await VideoUser.CreateAsync(fixture, credits: 100);
        var image = await user.StartFrameUrlAsync();
        var health = fixture.Host.Services.GetRequiredService<IProviderHealth>();
        try
        {
            await TripFalCircuitAsync();
            Assert.True(health.IsCircuitOpen(ProviderKind.Fal));
            fixture.Simulator.Control.ClearCalls();

            var job = await user.RunAsync(new { model = "kling-2.6-pro", prompt = "a kite over the dunes", imageUrl = image, audio = true });

            VideoUser.AssertStatus("succeeded", job);
            var call = Assert.Single(user.PaidCalls());
            Assert.Equal((SimulatorProvider.WaveSpeed, WaveSpeedKling26), (call.Provider, call.Model));
            Assert.Empty(user.Calls(SimulatorProvider.Fal, SimulatorOperation.Submit));
            await AssertChargedOnceWithSpendOnWaveSpeedAsync(user, job, credits: 15, usd: 0.70m, WaveSpeedKling26);
        }
        finally
        {
            await CloseFalCircuitAsync();
        }
    }

    [Fact]
    public async Task A_moderation_refusal_at_fal_is_not_sent_to_WaveSpeed_and_is_refunded()
    {
        using var user = await VideoUser.CreateAsync(fixture, credits: 100);
        var image = await user.StartFrameUrlAsync();
        fixture.Simulator.Control.AddFault(new FaultRule
        {
            Provider = SimulatorProvider.Fal, Model = FalKling26, Operation = SimulatorOperation.Submit, Kind = FaultKind.CompletedWithError,
            StatusCode = 422, ErrorType = "content_policy_violation", Times = 1,
        });

        var job = await user.RunAsync(new { model = "kling-2.6-pro", prompt = "a kite over the dunes", imageUrl = image, audio = true });

        VideoUser.AssertStatus("failed", job);
        Assert.Equal("content_policy_violation", (string?)job["error"]!["code"]);
        var call = Assert.Single(user.PaidCalls());
        Assert.Equal(SimulatorProvider.Fal, call.Provider);
        Assert.Equal((0L, 15L), ((long)job["credits"]!["charged"]!, (long)job["credits"]!["refunded"]!));
        Assert.Equal(100, (await user.BalanceAsync()).Available);
        Assert.Empty(await user.SpendAsync((string)job["jobId"]!));
    }

    private static async Task AssertChargedOnceWithSpendOnWaveSpeedAsync(VideoUser user, System.Text.Json.Nodes.JsonObject job, long credits, decimal usd, string model)
    {
        Assert.Equal((credits, 0L), ((long)job["credits"]!["charged"]!, (long)job["credits"]!["refunded"]!));
        var balance = await user.BalanceAsync();
        Assert.Equal((100 - credits, 0L), (balance.Available, balance.Reserved));
        var spend = await user.SpendAsync((string)job["jobId"]!);
        var paid = Assert.Single(spend, s => s.Provider != "natak");
        Assert.Equal(("video-1", "wavespeed", model, usd), (paid.Step, paid.Provider, paid.Model, paid.CostUsd));
        Assert.Equal(credits, Assert.Single(spend, s => s.Provider == "natak").CreditsCharged);
    }

    private async Task TripFalCircuitAsync()
    {
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Status, Kind = FaultKind.Http503 });
        var fal = fixture.Host.Services.GetRequiredService<FalClient>();
        var health = fixture.Host.Services.GetRequiredService<IProviderHealth>();
        for (var attempt = 0; attempt < 10 && !health.IsCircuitOpen(ProviderKind.Fal); attempt++)
        {
            await Assert.ThrowsAsync<ProviderException>(() => fal.GetStatusAsync(fal.CreateHandle(FalKling26, "no-such-request-" + attempt)));
        }

        fixture.Simulator.Control.ClearFaults();
    }

    /// <summary>Waits out the break, then lets one call through: a 404 is an answer, so the half-open circuit closes.</summary>
    private async Task CloseFalCircuitAsync()
    {
        fixture.Simulator.Control.ClearFaults();
        var fal = fixture.Host.Services.GetRequiredService<FalClient>();
        var health = fixture.Host.Services.GetRequiredService<IProviderHealth>();
        var closes = DateTime.UtcNow + VideoHostFixture.FalBreakDuration + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < closes)
        {
            if (!health.IsCircuitOpen(ProviderKind.Fal))
            {
                var probe = await Assert.ThrowsAsync<ProviderException>(() => fal.GetStatusAsync(fal.CreateHandle(FalKling26, "probe")));
                if (probe.ErrorCode == ProviderErrorCodes.NotFound)
                {
                    return;
                }
            }

            await Task.Delay(250);
        }

        Assert.Fail("fal's circuit did not close");
    }

    private async Task<HttpStatusCode> FalStatusAsync(string requestId)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Key", "e2e-inputs");
        using var response = await http.GetAsync($"{fixture.Simulator.Endpoints.FalQueueBaseUrl.TrimEnd('/')}/fal-ai/kling-video/requests/{requestId}/status");
        return response.StatusCode;
    }
}
