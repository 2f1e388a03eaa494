using System.Globalization;
using Natak.Simulator;

namespace Natak.EndToEnd.Tests.Videos;

/// <summary>
/// The rest of §3–4 runs end to end: Veo 3 at each of its durations, Veo 3 Fast, LTX-2 Pro, WAN 2.6, Kling 2.1 Pro
/// and Kling 2.6 Pro without audio — text-to-video where the model offers it, otherwise from an uploaded start
/// frame — each billed at its catalogue price and sold at the credit formula (⌈cost / $0.015⌉), except Kling 2.6 Pro,
/// a premium video with or without audio (15 credits per 5 s: never more than with audio).
/// </summary>
[Collection(VideoHostCollection.Name)]
public sealed class VideoModelTests(VideoHostFixture fixture)
{
    [Theory]
    [InlineData("veo-3", null, 4, true, false, "fal-ai/veo3.1", "3.00", 200)]
    [InlineData("veo-3", null, 6, true, false, "fal-ai/veo3.1", "4.50", 300)]
    [InlineData("veo-3", "1080p", 8, false, false, "fal-ai/veo3.1", "4.00", 267)]
    [InlineData("veo-3-fast", "1080p", 8, false, true, "fal-ai/veo3.1/fast/image-to-video", "2.00", 134)]
    [InlineData("ltx-2-pro", "1440p", 6, true, false, "fal-ai/ltx-2.3/text-to-video", "0.72", 48)]
    [InlineData("ltx-2-fast", "1080p", 15, false, true, "fal-ai/ltx-2.3/image-to-video/fast", "0.60", 15)]
    [InlineData("wan-2.6", "1080p", 5, false, true, "alibaba/wan-2.6/image-to-video", "0.75", 50)]
    [InlineData("kling-2.1-pro", null, 10, false, true, "fal-ai/kling-video/v2.1/pro/image-to-video", "0.90", 60)]
    [InlineData("kling-2.6-pro", null, 10, false, false, "fal-ai/kling-video/v2.6/pro/text-to-video", "0.70", 30)]
    public async Task A_video_model_delivers_what_was_ordered_at_its_catalogue_price(
        string model, string? resolution, int seconds, bool audio, bool fromImage, string providerModel, string usd, long credits)
    {
        using var user = await VideoUser.CreateAsync(fixture, credits: 1000);
        var image = fromImage ? await user.StartFrameUrlAsync() : null;

        var job = await user.RunAsync(new { model, prompt = "a lighthouse in a storm, waves breaking", imageUrl = image, resolution, durationSeconds = seconds, audio });

        VideoUser.AssertStatus("succeeded", job);
        var call = Assert.Single(user.PaidCalls());
        Assert.Equal(providerModel, call.Model);
        var (_, info) = await VideoUser.DownloadVideoAsync(job);
        Assert.Equal(((decimal)seconds, audio), (info.DurationSeconds, info.HasAudio));
        var ordered = (string)job["result"]!["video"]!["resolution"]!;
        Assert.Equal(resolution ?? ordered, ordered);
        Assert.Equal(int.Parse(ordered.TrimEnd('p'), CultureInfo.InvariantCulture), info.Height);
        Assert.Equal(credits, (long)job["credits"]!["charged"]!);
        var spend = Assert.Single(await user.SpendAsync((string)job["jobId"]!), s => s.Step == "video-1");
        Assert.Equal((providerModel, decimal.Parse(usd, CultureInfo.InvariantCulture)), (spend.Model, spend.CostUsd));
    }

    [Fact]
    public async Task Without_webhooks_a_video_still_completes_by_polling_on_durable_timers()
    {
        using var user = await VideoUser.CreateAsync(fixture, credits: 100);
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Webhook, Kind = FaultKind.DropWebhook });
        try
        {
            var job = await user.RunAsync(new { model = "ltx-2-fast", prompt = "fog rolling over hills", durationSeconds = 5 });

            VideoUser.AssertStatus("succeeded", job);
            var request = Assert.Single(user.PaidCalls()).RequestId!;
            Assert.All(user.Calls(SimulatorProvider.Fal, SimulatorOperation.Webhook), w => Assert.Equal(0, w.Attempt));
            var polls = user.Calls(SimulatorProvider.Fal, SimulatorOperation.Status).Where(c => c.Path.Contains(request, StringComparison.Ordinal)).ToList();
            Assert.InRange(polls.Count, 1, 3);
            Assert.Equal(200, polls[^1].StatusCode);
            Assert.Equal(5L, (long)job["credits"]!["charged"]!);
        }
        finally
        {
            fixture.Simulator.Control.ClearFaults();
        }
    }
}
