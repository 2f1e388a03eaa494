using Natak.Core.Pricing;

namespace Natak.Core.Tests.Pricing;

/// <summary>The actual cost of a delivered step, from its measured units.</summary>
public class ProviderCostTests
{
    private static readonly PricingCatalog Catalog = Catalogs.Default;

    [Fact]
    public void An_image_costs_its_delivered_megapixels()
    {
        Assert.Equal(0.008m * 1.048576m, Catalog.CostOf("z-image-turbo", "fal", Units.Image(1024, 1024)));
        Assert.Equal(0.008m * 2 * 0.786432m, Catalog.CostOf("z-image-turbo", "fal", Units.Image(1024, 768, count: 2)));
    }

    [Fact]
    public void An_endpoint_price_applies_to_its_variant_only()
    {
        Assert.Equal(0.0065m * 1.048576m, Catalog.CostOf("z-image-turbo", "fal", Units.Image(1024, 1024), EndpointVariants.Control));
        Assert.Equal(0.008m * 1.048576m, Catalog.CostOf("z-image-turbo", "fal", Units.Image(1024, 1024), EndpointVariants.Lora));
    }

    [Fact]
    public void Video_costs_its_seconds_at_the_rate_for_its_resolution_and_audio()
    {
        Assert.Equal(1.40m, Catalog.CostOf("kling-2.6-pro", "wavespeed", Units.Video(10, "1080p", audio: true)));
        Assert.Equal(0.35m, Catalog.CostOf("kling-2.6-pro", "fal", Units.Video(5, "1080p", audio: false)));
        Assert.Equal(0.80m, Catalog.CostOf("ltx-2-fast", "fal", Units.Video(5, "2160p", audio: true)));
        Assert.Equal(0.75m, Catalog.CostOf("wan-2.6", "fal", Units.Video(5, "1080p", audio: false)));
    }

    [Theory]
    [InlineData(5, 0.45)]
    [InlineData(7, 0.63)]
    [InlineData(5.2, 0.54)]
    [InlineData(10, 0.90)]
    public void Kling_2_1_costs_a_base_for_5_seconds_and_each_started_extra_second(double seconds, double usd)
    {
        Assert.Equal((decimal)usd, Catalog.CostOf("kling-2.1-pro", "fal", Units.Video((decimal)seconds, "1080p", audio: false)));
    }

    [Fact]
    public void A_delivered_plan_step_costs_its_measured_units_at_the_provider_that_ran_it()
    {
        var video = Catalogs.Planner.Plan(Requests.PremiumVideo()).OutputSteps.Single(s => s.Name == "video");

        // WaveSpeed took over and delivered 5.04 s with sound.
        Assert.Equal(0.14m * 5.04m, Catalog.CostOf(video, "wavespeed", Units.Video(5.04m, "1080p", audio: true)));
    }

    [Fact]
    public void The_price_list_shows_fixed_prices_and_marks_formula_prices()
    {
        var list = PriceList.From(Catalog);

        Assert.Equal(
            [("lora-training", (int?)50), ("premium-image", 2), ("basic-image", 1), ("ltx-video", 5), ("premium-video", 15), ("other-image", null), ("other-video", null)],
            list.OutputTypes.Select(t => (t.Key, t.Credits)));
        Assert.Equal(new CreditPer("seconds", 5), list.OutputTypes.Single(t => t.Key == "premium-video").Per);
        Assert.True(list.OutputTypes.Single(t => t.Key == "other-video").Formula);
        Assert.Equal(3, list.Packs.Count);
    }

    [Fact]
    public void A_prompt_costs_its_tokens()
    {
        Assert.Equal(0.01125m, Catalog.CostOf("grok", "xai", Units.Tokens(1_200, 350)));
    }

    [Fact]
    public void Training_and_upscaling_and_storage_cost_their_units()
    {
        Assert.Equal(3.00m, Catalog.CostOf("lora-training", "fal", Units.TrainingSteps(1_500)));
        Assert.Equal(0.004194304m, Catalog.CostOf("seedvr-upscale", "fal", Units.Image(2048, 2048)));
        Assert.Equal(0.0009m, Catalog.CostOf("r2-storage", "r2", Units.Storage(0.06m)));
        Assert.Equal(0.25m, Catalog.CostOf("wan-2.2-animate", "wavespeed", Units.Video(0, "720p", audio: false)));
    }

    [Fact]
    public void A_provider_that_does_not_offer_the_model_is_an_error()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => Catalog.CostOf("veo-3", "wavespeed", Units.Video(8, "720p", audio: false)));

        Assert.Contains("'wavespeed' does not offer 'veo-3'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Units_without_a_matching_rate_are_an_error_naming_the_model()
    {
        var ex = Assert.Throws<ArgumentException>(() => Catalog.CostOf("ltx-2-fast", "fal", Units.Video(5, "720p", audio: false)));

        Assert.Contains("'ltx-2-fast': No per-second rate for resolution '720p'", ex.Message, StringComparison.Ordinal);
    }
}
