using Natak.Core.Requests;
using static Natak.Core.Tests.Requests.Validation;

namespace Natak.Core.Tests.Requests;

public class VideoRequestValidationTests
{
    private static readonly VideoRequest Valid = new() { Model = "ltx-2-fast", Prompt = "waves", ImageUrl = "https://img.example.com/start.png" };

    private const string AudioModels = "ltx-2-fast, ltx-2-pro, kling-2.6-pro, veo-3-fast, veo-3";

    [Fact]
    public void The_worked_examples_are_valid()
    {
        AssertValid(Valid);
        AssertValid(Pricing.Requests.LtxVideo());
        AssertValid(Pricing.Requests.WanVideo());
        AssertValid(Pricing.Requests.PremiumVideo());
    }

    [Fact]
    public void An_unknown_model_names_the_video_models()
    {
        AssertRejected(Valid with { Model = "sora" }, "model",
            "must be one of: ltx-2-fast, ltx-2-pro, kling-2.6-pro, kling-2.1-pro, veo-3-fast, veo-3, wan-2.6, wan-2.5, wan-2.2-animate (got 'sora')");
    }

    [Fact]
    public void Nsfw_is_refused_by_sfw_only_models_with_the_models_that_accept_it()
    {
        AssertRejected(Valid with { Model = "kling-2.6-pro", Rating = "nsfw" }, "rating",
            "'nsfw' is not accepted by kling-2.6-pro; models that accept nsfw: ltx-2-fast, ltx-2-pro");
        AssertRejected(Valid with { Model = "wan-2.6", Rating = "nsfw" }, "rating",
            "'nsfw' is not accepted by wan-2.6; models that accept nsfw: ltx-2-fast, ltx-2-pro");
    }

    [Fact]
    public void Resolution_must_be_one_the_model_offers()
    {
        AssertRejected(Valid with { Resolution = "720p" }, "resolution", "must be one of: 1080p, 1440p, 2160p for ltx-2-fast (got '720p')");
        AssertRejected(Valid with { Model = "wan-2.5", Resolution = "1080p" }, "resolution", "must be one of: 720p for wan-2.5 (got '1080p')");
    }

    [Fact]
    public void Duration_must_be_one_the_model_offers()
    {
        AssertRejected(Valid with { DurationSeconds = 25 }, "durationSeconds", "must be between 5 and 20 for ltx-2-fast (got 25)");
        AssertRejected(Valid with { Model = "kling-2.6-pro", DurationSeconds = 7 }, "durationSeconds", "must be one of: 5, 10 for kling-2.6-pro (got 7)");
        AssertRejected(Valid with { Model = "veo-3", DurationSeconds = 5 }, "durationSeconds", "must be one of: 4, 6, 8 for veo-3 (got 5)");
    }

    [Fact]
    public void Ltx_fast_makes_clips_over_ten_seconds_only_at_1080p()
    {
        AssertRejected(Valid with { Resolution = "1440p", DurationSeconds = 15 }, "durationSeconds",
            "must be between 5 and 10 for ltx-2-fast at 1440p (got 15); 15 s is offered at: 1080p");
        AssertRejected(Valid with { Resolution = "2160p", DurationSeconds = 11 }, "durationSeconds",
            "must be between 5 and 10 for ltx-2-fast at 2160p (got 11); 11 s is offered at: 1080p");
        AssertValid(Valid with { Resolution = "2160p", DurationSeconds = 10 });
        AssertValid(Valid with { DurationSeconds = 20 });
        AssertValid(Valid with { Resolution = "1080p", DurationSeconds = 20 });
    }

    [Fact]
    public void An_unknown_resolution_is_reported_once_not_again_as_a_duration_problem()
    {
        var errors = Validator.Validate(Valid with { Resolution = "8k", DurationSeconds = 15 });

        Assert.Equal(["resolution"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Audio_is_refused_by_models_without_sound_naming_those_with_it()
    {
        AssertRejected(Valid with { Model = "wan-2.5", Audio = true }, "audio", $"must be false for wan-2.5 (it makes no sound track); models with audio: {AudioModels}");
        AssertRejected(Valid with { Model = "kling-2.1-pro", Audio = true }, "audio", $"must be false for kling-2.1-pro (it makes no sound track); models with audio: {AudioModels}");
        AssertValid(Valid with { Model = "wan-2.5", Audio = false, Resolution = "720p" });
    }

    [Fact]
    public void A_start_frame_is_required_where_the_model_has_no_text_to_video()
    {
        AssertRejected(Valid with { Model = "kling-2.1-pro", ImageUrl = null }, "imageUrl",
            $"kling-2.1-pro needs a start frame: give imageUrl or characterId (text-to-video models: {AudioModels})");
        AssertValid(Valid with { Model = "kling-2.1-pro", ImageUrl = null, CharacterId = "chr_1" });
        AssertValid(Valid with { Model = "veo-3", ImageUrl = null });
    }

    [Fact]
    public void Image_url_and_character_are_mutually_exclusive()
    {
        AssertRejected(Valid with { CharacterId = "chr_1" }, "imageUrl", "give at most one of imageUrl or characterId");
    }

    [Fact]
    public void Animate_requires_a_driving_video_and_no_duration()
    {
        var animate = new VideoRequest { Model = "wan-2.2-animate", Prompt = "dance" };
        AssertRejected(animate, "drivingVideoUrl", "is required (an absolute https URL)");
        AssertRejected(animate with { DrivingVideoUrl = "https://v.example.com/d.mp4", DurationSeconds = 5 }, "durationSeconds",
            "is not accepted by wan-2.2-animate: the length follows drivingVideoUrl");
        AssertValid(animate with { DrivingVideoUrl = "https://v.example.com/d.mp4" });
    }

    [Fact]
    public void A_driving_video_is_refused_by_other_models()
    {
        AssertRejected(Valid with { DrivingVideoUrl = "https://v.example.com/d.mp4" }, "drivingVideoUrl", "is accepted only by: wan-2.2-animate");
    }

    [Fact]
    public void A_model_specific_prompt_limit_applies()
    {
        AssertRejected(Valid with { Model = "wan-2.5", Resolution = "720p", Prompt = new string('p', 1501) }, "prompt",
            "must be at most 1500 characters for wan-2.5 (got 1501)");
    }
}
