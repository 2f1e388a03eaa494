using Natak.Core.Pricing;

namespace Natak.Core.Tests.Pricing;

public class ForecastAndMarginTests
{
    private static readonly MarginCalculator Margins = new(Catalogs.Default);
    private static readonly Forecast Forecast = new(Catalogs.Quotes, Margins);

    [Theory]
    [InlineData("premium", 10_000, 640)]
    [InlineData("basic", 100_000, 1_300)]
    public void Monthly_volume_cost_matches_the_cost_breakdown_volume_table(string output, long volume, decimal expectedUsd)
    {
        var request = output == "premium" ? (Natak.Core.Requests.IMediaRequest)Requests.PremiumImage() : Requests.BasicImage();

        var report = Forecast.Monthly([new ForecastLine(output, request, volume)]);

        var line = Assert.Single(report.Lines);
        // §8 multiplies §7's rounded unit costs, so the per-output tolerance of the §7 vectors scales with the volume.
        var tolerance = volume * Math.Max(0.005m, expectedUsd / volume * 0.03m);
        Assert.InRange(line.CostUsd, expectedUsd - tolerance, expectedUsd + tolerance);
        Assert.Equal(Catalogs.QuoteOf(request).CostUsd, line.UnitCostUsd, 5);
        Assert.Equal(line.UnitCostUsd * volume, line.CostUsd);
        Assert.Equal(line.CreditsPerOutput * volume, line.Credits);
        Assert.Equal(report.CostUsd, line.CostUsd);
    }

    [Fact]
    public void A_forecast_sums_its_lines_and_values_the_credits_at_every_pack()
    {
        var report = Forecast.Monthly(
        [
            new ForecastLine("basic", Requests.BasicImage(), 1_000),
            new ForecastLine("premium video", Requests.PremiumVideo(), 100),
        ]);

        Assert.Equal(1_000 * 1 + 100 * 15, report.Credits);
        Assert.Equal(report.Lines.Sum(l => l.CostUsd), report.CostUsd);
        Assert.Equal(["starter", "pro", "agency"], report.Margins.Select(m => m.Pack));
        Assert.Equal(2_500 * 0.05m, report.Margins[0].RevenueUsd);
    }

    [Fact]
    public void Premium_video_loses_money_at_the_agency_price_but_not_at_the_starter_price()
    {
        var quote = Catalogs.QuoteOf(Requests.PremiumVideo());

        var row = Margins.Row(new CostAggregate(quote.OutputType, null, null, quote.CostUsd, quote.Credits, 1));

        var starter = row.Margins.Single(m => m.Pack == "starter");
        var agency = row.Margins.Single(m => m.Pack == "agency");
        Assert.Equal(0.75m, starter.RevenueUsd);
        Assert.False(starter.IsNegative);
        Assert.Equal(0.45m, agency.RevenueUsd);
        Assert.True(agency.IsNegative);
        Assert.Equal(0.45m - quote.CostUsd, agency.MarginUsd);
        Assert.True(row.HasNegativeMargin);
    }

    [Fact]
    public void The_fixed_prices_of_the_cost_breakdown_lose_money_at_the_cheaper_packs()
    {
        var quotes = new[] { Requests.NewCharacter(), (Natak.Core.Requests.IMediaRequest)Requests.BasicImage(), Requests.PremiumImage(), Requests.LtxVideo(), Requests.PremiumVideo() }
            .Select(Catalogs.QuoteOf);

        var report = Margins.Calculate(quotes.Select(q => new CostAggregate(q.OutputType, null, null, q.CostUsd, q.Credits, 1)));

        Assert.Equal(
            [
                ("lora-training", "pro"), ("lora-training", "agency"),
                ("premium-image", "agency"),
                ("ltx-video", "pro"), ("ltx-video", "agency"),
                ("premium-video", "pro"), ("premium-video", "agency"),
            ],
            report.NegativeMargins.Select(n => (n.OutputType, n.Margin.Pack)));
    }

    [Fact]
    public void The_report_groups_rows_by_output_type_and_flags_each_loss_making_pack()
    {
        var report = Margins.Calculate(
        [
            new CostAggregate("premium-video", "xai", "grok-4.3", 0.003m, 15, 1),
            new CostAggregate("premium-video", "fal", "fal-ai/z-image/turbo/lora", 0.0084m, 0, 0),
            new CostAggregate("premium-video", "fal", "fal-ai/kling-video/v2.6/pro/image-to-video", 0.70m, 0, 0),
            new CostAggregate("basic-image", "fal", "fal-ai/z-image/turbo", 0.0114m, 1, 1),
        ]);

        Assert.Equal(4, report.Rows.Count);
        var video = report.ByOutputType.Single(r => r.Aggregate.OutputType == "premium-video");
        Assert.Equal(0.7114m, video.Aggregate.SpendUsd);
        Assert.Equal(15, video.Aggregate.Credits);
        Assert.Equal(
            [("premium-video", "pro"), ("premium-video", "agency")],
            report.NegativeMargins.Select(n => (n.OutputType, n.Margin.Pack)));
        Assert.Equal(0.7228m, report.Total.Aggregate.SpendUsd);
        Assert.Equal(16, report.Total.Aggregate.Credits);
    }

    [Fact]
    public void Margin_ratio_is_absent_when_nothing_was_sold()
    {
        var margins = Margins.Margins(1.25m, 0);

        Assert.All(margins, m => Assert.Null(m.MarginRatio));
        Assert.All(margins, m => Assert.Equal(-1.25m, m.MarginUsd));
    }
}
