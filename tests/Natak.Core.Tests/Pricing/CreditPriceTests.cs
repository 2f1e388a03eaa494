using Natak.Core.Pricing;
using Natak.Core.Requests;

namespace Natak.Core.Tests.Pricing;

/// <summary>The cost breakdown's §9 credit prices, exactly, and the formula for everything else.</summary>
public class CreditPriceTests
{
    public static TheoryData<string, string, int> FixedPrices => new()
    {
        { "LoRA training (1000 steps)", "lora-training", 50 },
        { "basic image", "basic-image", 1 },
        { "premium image", "premium-image", 2 },
        { "LTX video (5 s)", "ltx-video", 5 },
        { "premium video (5 s)", "premium-video", 15 },
    };

    [Theory]
    [MemberData(nameof(FixedPrices))]
    public void The_five_fixed_prices_of_the_cost_breakdown_are_charged_exactly(string output, string outputType, int credits)
    {
        var quote = Catalogs.QuoteOf(RequestFor(output));

        Assert.Equal(outputType, quote.OutputType);
        Assert.Equal(credits, quote.Credits);
    }

    [Theory]
    [InlineData(1500, 75)]
    [InlineData(2000, 100)]
    [InlineData(1234, 62)]
    public void Training_is_50_credits_per_1000_steps_rounded_up(int steps, int credits)
    {
        Assert.Equal(credits, Catalogs.QuoteOf(Requests.NewCharacter(steps)).Credits);
    }

    [Fact]
    public void Quality_high_trains_2000_steps_for_100_credits()
    {
        var quote = Catalogs.QuoteOf(Requests.NewCharacter() with { Quality = "high" });

        Assert.Equal(100, quote.Credits);
        Assert.Equal(4.00m, Assert.Single(quote.Steps, s => s.Name == "train").CostUsd);
    }

    [Fact]
    public void Per_second_fixed_prices_scale_with_duration()
    {
        Assert.Equal(30, Catalogs.QuoteOf(Requests.PremiumVideo() with { DurationSeconds = 10 }).Credits);
        Assert.Equal(12, Catalogs.QuoteOf(Requests.LtxVideo() with { DurationSeconds = 12 }).Credits);
    }

    [Fact]
    public void Kling_without_audio_is_a_premium_video_and_LTX_above_1080p_is_not_sold_at_the_fixed_price()
    {
        var silentKling = Catalogs.QuoteOf(Requests.PremiumVideo() with { Audio = false });
        var ltx4k = Catalogs.QuoteOf(Requests.LtxVideo() with { Resolution = "2160p" });

        Assert.Equal(("premium-video", 15), (silentKling.OutputType, silentKling.Credits));
        Assert.Equal("other-video", ltx4k.OutputType);
    }

    public static TheoryData<IMediaRequest> FormulaPriced => new()
    {
        Requests.WanVideo(),
        Requests.PremiumVideo() with { Model = "veo-3", DurationSeconds = 8 },
        Requests.LtxVideo() with { Resolution = "2160p", DurationSeconds = 10 },
        new VideoRequest { Model = "wan-2.2-animate", Prompt = "dance", DrivingVideoUrl = "https://v.example.com/d.mp4" },
        Requests.BasicImage() with { Model = "nano-banana-pro" },
        Requests.PremiumImage() with { Model = "pony-realism", Rating = "nsfw" },
    };

    [Theory]
    [MemberData(nameof(FormulaPriced))]
    public void Other_outputs_cost_the_fewest_credits_that_keep_the_target_margin_at_the_credit_value(IMediaRequest request)
    {
        var formula = Catalogs.Default.Formula;
        var quote = Catalogs.QuoteOf(request);
        var floor = formula.CreditValueUsd * (1 - formula.TargetMargin);

        Assert.StartsWith("other-", quote.OutputType, StringComparison.Ordinal);
        Assert.True(quote.CreditsPerOutput * floor >= quote.CostUsd, $"{quote.CreditsPerOutput} credits do not cover ${quote.CostUsd} at the target margin");
        Assert.True((quote.CreditsPerOutput - 1) * floor < quote.CostUsd, $"{quote.CreditsPerOutput} credits are more than needed for ${quote.CostUsd}");
    }

    [Fact]
    public void A_batch_is_charged_per_image_with_shared_steps_once()
    {
        var single = Catalogs.QuoteOf(Requests.PremiumImage());
        var batch = Catalogs.QuoteOf(Requests.PremiumImage() with { Count = 4 });

        Assert.Equal(8, batch.Credits);
        Assert.Equal(2, batch.CreditsPerOutput);
        Assert.Equal(1, Assert.Single(batch.Steps, s => s.Name == "prompt").Count);
        Assert.All(batch.Steps.Where(s => s.Name != "prompt"), s => Assert.Equal(4, s.Count));
        var prompt = single.Steps.Single(s => s.Name == "prompt").CostUsd;
        Assert.Equal(prompt + 4 * (single.CostUsd - prompt), batch.CostUsd);
    }

    [Fact]
    public void A_formula_priced_batch_shares_the_prompt_cost_among_its_images()
    {
        var formula = Catalogs.Default.Formula;
        var batch = Catalogs.QuoteOf(Requests.BasicImage() with { Model = "nano-banana-pro", Count = 4 });
        var perImage = batch.CostUsd / 4;

        Assert.Equal(formula.CreditsFor(perImage), batch.CreditsPerOutput);
        Assert.Equal(4 * batch.CreditsPerOutput, batch.Credits);
    }

    private static IMediaRequest RequestFor(string output) => output switch
    {
        "LoRA training (1000 steps)" => Requests.NewCharacter(),
        "basic image" => Requests.BasicImage(),
        "premium image" => Requests.PremiumImage(),
        "LTX video (5 s)" => Requests.LtxVideo(),
        _ => Requests.PremiumVideo(),
    };
}
