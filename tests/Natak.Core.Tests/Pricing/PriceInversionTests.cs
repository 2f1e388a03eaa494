using Natak.Core.Pricing;
using Natak.Core.Requests;

namespace Natak.Core.Tests.Pricing;

/// <summary>An output with fewer features never costs more credits than the same output with more.</summary>
public class PriceInversionTests
{
    public static TheoryData<string> KlingStarts => new() { "image", "character", "text" };

    [Theory]
    [MemberData(nameof(KlingStarts))]
    public void Kling_2_6_Pro_without_audio_costs_no_more_than_with_audio_at_every_allowed_duration(string start)
    {
        var durations = Catalogs.Default.Model("kling-2.6-pro").Parameters.Durations!.Values;
        Assert.NotEmpty(durations);

        foreach (var seconds in durations)
        {
            var request = new VideoRequest
            {
                Model = "kling-2.6-pro",
                Prompt = "she turns and smiles",
                DurationSeconds = seconds,
                ImageUrl = start == "image" ? "https://img.example.com/start.png" : null,
                CharacterId = start == "character" ? "chr_maya" : null,
            };
            var silent = Catalogs.QuoteOf(request with { Audio = false });
            var sound = Catalogs.QuoteOf(request with { Audio = true });

            Assert.True(silent.Credits <= sound.Credits, $"{start}, {seconds} s: {silent.Credits} credits without audio, {sound.Credits} with");
            Assert.Equal("premium-video", silent.OutputType);
        }
    }

    [Fact]
    public void A_patch_pricing_Kling_without_audio_above_Kling_with_audio_is_refused_naming_the_model_and_both_variants()
    {
        // The catalogue before this rule: the fixed price for Kling with audio only, the formula for the rest.
        var ex = Assert.Throws<InvalidPricingCatalogException>(() => PricingCatalog.LoadDefault(
            """{ "credits": { "outputTypes": { "premium-video": { "match": { "features": ["audio"] } } } } }"""));

        Assert.Equal(
            "$.models['kling-2.6-pro']: '1080p 5 s from an image, no add-ons' is quoted 24 credits (other-video) but '1080p 5 s from an image, with audio' only 15 (premium-video): an output without audio must not cost more than the same output with it (11 more such pairs)",
            Assert.Single(ex.Errors));
    }

    public static TheoryData<string, string, string> InvertingPatches => new()
    {
        { """{ "credits": { "outputTypes": { "ltx-video": { "match": { "features": ["audio"] } } } } }""", "$.models.ltx-2-fast", "audio" },
        { """{ "credits": { "outputTypes": { "premium-image": { "credits": 1 }, "basic-image": { "credits": 3 } } } }""", "$.models.z-image-turbo", "upscale" },
        {
            """{ "credits": { "outputTypes": { "premium-image": { "credits": 4 }, "basic-image": { "credits": 3, "match": { "noFeatures": ["outfit", "upscale", "control", "character"] } } } } }""",
            "$.models.z-image-turbo", "character"
        },
    };

    [Theory]
    [MemberData(nameof(InvertingPatches))]
    public void A_patch_that_inverts_any_model_is_refused_with_a_message_naming_it(string patch, string modelPath, string addOn)
    {
        var ex = Assert.Throws<InvalidPricingCatalogException>(() => PricingCatalog.LoadDefault(patch));

        Assert.Contains(ex.Errors, e => e.StartsWith(modelPath + ": '", StringComparison.Ordinal)
            && e.Contains($"an output without {addOn} must not cost more than the same output with it", StringComparison.Ordinal));
    }

    [Fact]
    public void Raising_a_price_for_the_richer_variant_only_is_accepted()
    {
        var catalog = PricingCatalog.LoadDefault("""{ "credits": { "outputTypes": { "premium-image": { "credits": 3 } } } }""");

        Assert.Equal(3, catalog.OutputTypes.Single(t => t.Key == "premium-image").FixedCredits);
    }
}
