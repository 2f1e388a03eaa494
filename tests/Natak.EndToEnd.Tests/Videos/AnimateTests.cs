using Natak.Simulator;

namespace Natak.EndToEnd.Tests.Videos;

/// <summary>
/// WAN 2.2 animate's workaround pipeline (cost breakdown §4.1): extract the driving video's first frame at fal →
/// refine it image-to-image → animate it with the driving video's motion. Every step is paid and priced; a
/// failure of the last step refunds the whole job.
/// </summary>
[Collection(VideoHostCollection.Name)]
public sealed class AnimateTests(VideoHostFixture fixture)
{
    /// <summary>extract $0.001 + refine $0.02 + animate $0.25 = $0.271 → ⌈0.271 / ($0.03 × 50 %)⌉.</summary>
    private const long AnimateCredits = 19;

    [Fact]
    public async Task A_driving_video_is_animated_through_extract_frame_refine_and_animate_in_that_order()
    {
        using var user = await VideoUser.CreateAsync(fixture, credits: 100);
        var driving = await user.DrivingVideoUrlAsync();

        var job = await user.RunAsync(new { model = "wan-2.2-animate", prompt = "a dancer in a red coat", drivingVideoUrl = driving, resolution = "720p" });

        VideoUser.AssertStatus("succeeded", job);
        var jobId = (string)job["jobId"]!;
        var calls = user.PaidCalls();
        Assert.Equal(
            [(SimulatorProvider.Fal, "fal-ai/ffmpeg-api/extract-frame"), (SimulatorProvider.Fal, "fal-ai/z-image/turbo/image-to-image"), (SimulatorProvider.WaveSpeed, "wavespeed-ai/wan-2.2/animate")],
            calls.Select(c => (c.Provider, c.Model!)));
        var (extract, refine, animate) = (calls[0].Input!.Value, calls[1].Input!.Value, calls[2].Input!.Value);
        Assert.Equal((driving, "first"), (extract.GetProperty("video_url").GetString(), extract.GetProperty("frame_type").GetString()));
        Assert.Contains($"/jobs/{jobId}/extract-frame-1-image", refine.GetProperty("image_url").GetString());
        Assert.Equal("a dancer in a red coat", refine.GetProperty("prompt").GetString());
        Assert.Contains($"/jobs/{jobId}/refine-1-image", animate.GetProperty("image").GetString());
        Assert.Equal((driving, "720p"), (animate.GetProperty("video").GetString(), animate.GetProperty("resolution").GetString()));

        var result = job["result"]!;
        Assert.Equal(("720p", false), ((string?)result["video"]!["resolution"], (bool)result["video"]!["hasAudio"]!));
        Assert.NotNull(result["referenceImage"]!["url"]);
        var (_, info) = await VideoUser.DownloadVideoAsync(job);
        Assert.Equal((5m, 720), (info.DurationSeconds, info.Height));

        Assert.Equal((AnimateCredits, 0L), ((long)job["credits"]!["charged"]!, (long)job["credits"]!["refunded"]!));
        var spend = (await user.SpendAsync(jobId)).Where(s => s.Provider != "natak").ToDictionary(s => s.Step, s => (s.Provider, s.CostUsd));
        Assert.Equal(("fal", 0.001m), spend["extract-frame-1"]);
        Assert.Equal(("fal", 0.02m), spend["refine-1"]);
        Assert.Equal(("wavespeed", 0.25m), spend["animate-1"]);
    }

    [Fact]
    public async Task When_the_animate_step_fails_at_both_providers_the_whole_job_is_refunded()
    {
        using var user = await VideoUser.CreateAsync(fixture, credits: 100);
        var driving = await user.DrivingVideoUrlAsync();
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.WaveSpeed, Model = "wavespeed-ai/wan-2.2/animate", Operation = SimulatorOperation.Submit, Kind = FaultKind.Failed });
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Model = "fal-ai/wan/v2.2-14b/animate/move", Operation = SimulatorOperation.Submit, Kind = FaultKind.Failed });
        try
        {
            var job = await user.RunAsync(new { model = "wan-2.2-animate", prompt = "a dancer in a red coat", drivingVideoUrl = driving });

            VideoUser.AssertStatus("failed", job);
            Assert.Null(job["result"]);
            Assert.Equal(
                ["fal-ai/ffmpeg-api/extract-frame", "fal-ai/z-image/turbo/image-to-image", "wavespeed-ai/wan-2.2/animate", "fal-ai/wan/v2.2-14b/animate/move"],
                user.PaidCalls().Select(c => c.Model!));
            Assert.Equal((AnimateCredits, 0L, AnimateCredits),
                ((long)job["credits"]!["reserved"]!, (long)job["credits"]!["charged"]!, (long)job["credits"]!["refunded"]!));
            var balance = await user.BalanceAsync();
            Assert.Equal((100L, 0L, 0L), (balance.Available, balance.Reserved, balance.DebitsPosted));

            // What Natak itself paid for the steps that did run stays on record for the cost report.
            var spend = await user.SpendAsync((string)job["jobId"]!);
            Assert.Equal(["extract-frame-1", "refine-1"], spend.Select(s => s.Step).Order(StringComparer.Ordinal));
        }
        finally
        {
            fixture.Simulator.Control.ClearFaults();
        }
    }
}
