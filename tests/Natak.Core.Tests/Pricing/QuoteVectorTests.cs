using Natak.Core.Pricing;
using Natak.Core.Requests;

namespace Natak.Core.Tests.Pricing;

/// <summary>The cost breakdown's worked examples (§7; docs/pricing-catalogue.md, "Test vectors") through the quote engine.</summary>
public class QuoteVectorTests
{
    public static TheoryData<string, decimal, string[]> Examples => new()
    {
        { "1 new character", 2.05m, ["package", "train", "reference", "reference", "reference", "reference", "storage"] },
        { "2 basic image", 0.013m, ["prompt", "generate"] },
        { "3 premium image", 0.064m, ["prompt", "generate", "segment", "inpaint", "upscale"] },
        { "4 LTX video", 0.21m, ["prompt", "reference", "video"] },
        { "5 WAN video", 0.26m, ["prompt", "reference", "video"] },
        { "6 premium video", 0.71m, ["prompt", "reference", "video"] },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Quote_reproduces_the_worked_example_within_tolerance(string example, decimal expectedUsd, string[] steps)
    {
        var quote = Catalogs.QuoteOf(RequestFor(example));

        var tolerance = Math.Max(0.005m, expectedUsd * 0.03m);
        Assert.InRange(quote.CostUsd, expectedUsd - tolerance, expectedUsd + tolerance);
        Assert.Equal(steps, quote.Steps.Select(s => s.Name));
        Assert.Equal(quote.CostUsd, quote.Steps.Sum(s => s.CostUsd));
    }

    [Fact]
    public void Premium_image_steps_carry_their_provider_model_and_cost()
    {
        var quote = Catalogs.QuoteOf(Requests.PremiumImage());

        var upscale = Assert.Single(quote.Steps, s => s.Name == "upscale");
        Assert.Equal("fal", upscale.Provider);
        Assert.Equal("fal-ai/seedvr/upscale/image", upscale.Model);
        Assert.Equal(0.026214m, upscale.CostUsd); // 5120 × 5120 = 26.2144 MP at $0.001
        var prompt = Assert.Single(quote.Steps, s => s.Name == "prompt");
        Assert.Equal(("xai", "grok-4.3", 0.003m), (prompt.Provider, prompt.Model, prompt.CostUsd));
    }

    [Fact]
    public void Packaging_the_photos_is_a_quote_line_at_no_cost_and_a_zip_needs_none()
    {
        var fromPhotos = Catalogs.QuoteOf(Requests.NewCharacter());
        var fromZip = Catalogs.QuoteOf(new CharacterRequest { Name = "Maya", ImagesZipUrl = "https://uploads.example.com/maya.zip", Quality = "fast" });

        Assert.Equal(new QuoteStep("package", "natak", "package", 0m, 1), fromPhotos.Steps[0]);
        Assert.DoesNotContain(fromZip.Steps, s => s.Name == "package");
        Assert.Equal(fromZip.Steps, fromPhotos.Steps.Skip(1));
        Assert.Equal((fromZip.Credits, fromZip.CostUsd), (fromPhotos.Credits, fromPhotos.CostUsd));
    }

    [Fact]
    public void Quote_of_the_envelope_equals_the_quote_of_the_typed_request()
    {
        var body = System.Text.Json.JsonSerializer.SerializeToElement(Requests.PremiumVideo(), RequestJson.Options);

        var outcome = Catalogs.Quotes.Quote(new QuoteRequest { Kind = "video", Request = body });

        Assert.True(outcome.IsValid, outcome.Errors.ToString());
        Assert.Equal(Catalogs.QuoteOf(Requests.PremiumVideo()), outcome.Quote, QuoteComparer.Instance);
    }

    private static IMediaRequest RequestFor(string example) => example[0] switch
    {
        '1' => Requests.NewCharacter(),
        '2' => Requests.BasicImage(),
        '3' => Requests.PremiumImage(),
        '4' => Requests.LtxVideo(),
        '5' => Requests.WanVideo(),
        _ => Requests.PremiumVideo(),
    };

    private sealed class QuoteComparer : IEqualityComparer<Quote?>
    {
        public static readonly QuoteComparer Instance = new();

        public bool Equals(Quote? x, Quote? y) =>
            x is not null && y is not null && x.Credits == y.Credits && x.CostUsd == y.CostUsd && x.Steps.SequenceEqual(y.Steps);

        public int GetHashCode(Quote? obj) => obj?.Credits ?? 0;
    }
}
