using Natak.Simulator;
using Natak.Tables.Spend;

namespace Natak.EndToEnd.Tests.Videos;

/// <summary>
/// Cost breakdown §7 examples 4–6: Grok prompt → FLUX reference image of a character → the video model. Each run
/// is checked against the spec: exactly these provider calls, a real MP4 in R2, the credits of the price list and
/// the spend the catalogue prices (§3, §7).
/// </summary>
[Collection(VideoHostCollection.Name)]
public sealed class CostBreakdownExampleTests(VideoHostFixture fixture)
{
    /// <summary>1024×1024 at $0.008 per megapixel, exactly (§7 rounds it to $0.01).</summary>
    private const decimal ReferenceImageUsd = 0.008388608m;

    [Theory]
    [InlineData("nsfw", "ltx-2-fast", "1080p", false, SimulatorProvider.Fal, "fal-ai/ltx-2.3/image-to-video/fast", "0.20", 5)]
    [InlineData("sfw", "wan-2.5", "720p", false, SimulatorProvider.WaveSpeed, "alibaba/wan-2.5/image-to-video", "0.25", 18)]
    [InlineData("sfw", "kling-2.6-pro", "1080p", true, SimulatorProvider.Fal, "fal-ai/kling-video/v2.6/pro/image-to-video", "0.70", 15)]
    public async Task A_character_video_runs_prompt_reference_and_video_and_costs_what_the_catalogue_says(
        string rating, string model, string resolution, bool audio, SimulatorProvider videoProvider, string videoModelId, string videoUsd, long credits)
    {
        using var user = await VideoUser.CreateAsync(fixture, credits: 100);
        var character = await user.CreateCharacterAsync("MAYA");
        var idea = "maya walks along a pier at dusk " + Guid.NewGuid().ToString("N")[..8];

        var job = await user.RunAsync(new { model, idea, characterId = character.CharacterId, rating, durationSeconds = 5, resolution, audio });

        VideoUser.AssertStatus("succeeded", job);
        var jobId = (string)job["jobId"]!;

        // Exactly the expected paid calls, in order.
        var calls = user.PaidCalls();
        Assert.Collection(calls,
            chat => Assert.Equal((SimulatorProvider.Xai, SimulatorOperation.Chat), (chat.Provider, chat.Operation)),
            reference => Assert.Equal((SimulatorProvider.Fal, "fal-ai/z-image/turbo/lora"), (reference.Provider, reference.Model)),
            video => Assert.Equal((videoProvider, videoModelId), (video.Provider, video.Model)));
        Assert.All(calls, c => Assert.InRange(c.StatusCode, 200, 299));
        var referenceInput = calls[1].Input!.Value;
        Assert.StartsWith("MAYA", referenceInput.GetProperty("prompt").GetString());
        Assert.Contains(character.LoraKey, referenceInput.GetProperty("loras")[0].GetProperty("path").GetString());
        Assert.Equal(rating == "nsfw", referenceInput.TryGetProperty("enable_safety_checker", out var checker) && !checker.GetBoolean());
        Assert.Contains($"/jobs/{jobId}/reference-1-image", calls[2].Input!.Value.ToString());

        // The result, and a real MP4 in R2 with what was ordered.
        var result = job["result"]!;
        Assert.StartsWith("MAYA", (string?)result["prompt"]);
        Assert.Equal(resolution, (string?)result["video"]!["resolution"]);
        Assert.Equal(audio, (bool)result["video"]!["hasAudio"]!);
        Assert.Equal(5m, (decimal)result["video"]!["durationSeconds"]!);
        Assert.Equal(1024, (int)result["referenceImage"]!["width"]!);
        var (bytes, info) = await VideoUser.DownloadVideoAsync(job);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));
        Assert.Equal(5m, info.DurationSeconds);
        Assert.Equal(audio, info.HasAudio);
        Assert.True(info.Width > 0 && info.Height == info.Width, $"{info.Width}x{info.Height} from a square start frame");
        var stored = await user.HeadAsync((await user.JobObjectsAsync(jobId)).Single(o => o.Key.EndsWith("/video-1-video.mp4", StringComparison.Ordinal)).Key);
        Assert.Equal(("video/mp4", (long)bytes.Length), (stored.ContentType, stored.Size));

        // Credits: the price list's, captured once. Spend: every paid step, as the catalogue prices it.
        Assert.Equal(credits, (long)job["credits"]!["charged"]!);
        Assert.Equal(0, (long)job["credits"]!["refunded"]!);
        Assert.Equal(100 - credits, (await user.BalanceAsync()).Available);
        var spend = (await user.SpendAsync(jobId)).ToDictionary(s => s.Step);
        Assert.Equal(["charge", "prompt:in", "prompt:out", "reference-1", "video-1"], spend.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(credits, spend["charge"].CreditsCharged);
        Assert.Equal(("fal", "fal-ai/z-image/turbo/lora", ReferenceImageUsd), (spend["reference-1"].Provider, spend["reference-1"].Model, spend["reference-1"].CostUsd));
        Assert.Equal((videoProvider.ToString().ToLowerInvariant(), videoModelId, decimal.Parse(videoUsd, System.Globalization.CultureInfo.InvariantCulture)),
            (spend["video-1"].Provider, spend["video-1"].Model, spend["video-1"].CostUsd));
        Assert.Equal((5m, SpendUnit.Seconds), (spend["video-1"].Units, spend["video-1"].UnitKind));
        var prompt = spend["prompt:in"].Units * 5m / 1_000_000m + spend["prompt:out"].Units * 15m / 1_000_000m;
        Assert.Equal(prompt, spend["prompt:in"].CostUsd + spend["prompt:out"].CostUsd);
        Assert.InRange(prompt, 0.001m, 0.005m);
    }
}
