using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Tables.Spend;
using static Natak.EndToEnd.Tests.Money.MoneyCalls;

namespace Natak.EndToEnd.Tests.Money;

[Collection(MoneyCollection.Name)]
public sealed class CostReportTests(MoneyHostFixture fixture)
{
    // A day no pipeline run writes to: the rows seeded for it are the whole report.
    private static readonly DateTimeOffset SeededDay = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_report_flags_the_premium_video_price_as_loss_making_at_the_agency_pack()
    {
        using var admin = fixture.Api(Users.New("admin"), admin: true);
        var day = SeededDay;
        var video = await SeedJobAsync(admin, "video", PricingAndQuoteTests.RequestFor("6"), day.AddHours(9));
        var image = await SeedJobAsync(admin, "image", PricingAndQuoteTests.RequestFor("2"), day.AddHours(10));

        var report = await GetAsync(admin, $"/api/admin/costs?from=2025-03-01&to=2025-03-02");

        var premium = Row(report["byOutputType"]!, "outputType", "premium-video");
        Assert.Equal(Decimal(video["costUsd"]), Decimal(premium["spendUsd"]));
        Assert.Equal((15m, 1L), (Decimal(premium["credits"]), (long)premium["outputs"]!));
        var agency = Margin(premium, "agency");
        Assert.Equal(0.45m, Decimal(agency["revenueUsd"]));
        Assert.Equal(0.45m - Decimal(video["costUsd"]), Decimal(agency["marginUsd"]));
        Assert.True((bool)agency["isNegative"]!);
        Assert.True((bool)Margin(premium, "pro")["isNegative"]!);
        Assert.False((bool)Margin(premium, "starter")["isNegative"]!);
        Assert.Equal(0.75m, Decimal(Margin(premium, "starter")["revenueUsd"]));
        Assert.True((bool)premium["hasNegativeMargin"]!);

        var flagged = report["negativeMargins"]!.AsArray().Where(n => (string?)n!["group"] == "outputType").Select(n => ((string)n!["outputType"]!, (string)n["pack"]!)).ToList();
        Assert.Equal([("premium-video", "pro"), ("premium-video", "agency")], flagged);
        var basic = Row(report["byOutputType"]!, "outputType", "basic-image");
        Assert.Equal((Decimal(image["costUsd"]), 1m), (Decimal(basic["spendUsd"]), Decimal(basic["credits"])));
        Assert.False((bool)basic["hasNegativeMargin"]!);
        Assert.Equal((Decimal(video["costUsd"]) + Decimal(image["costUsd"]), 16m), (Decimal(report["total"]!["spendUsd"]), Decimal(report["total"]!["credits"])));
    }

    [Fact]
    public async Task Provider_and_model_rows_share_each_jobs_credits_in_proportion_to_what_they_cost_it()
    {
        using var admin = fixture.Api(Users.New("admin"), admin: true);
        var day = SeededDay.AddDays(7);
        var video = await SeedJobAsync(admin, "video", PricingAndQuoteTests.RequestFor("6"), day.AddHours(1));

        var report = await GetAsync(admin, $"/api/admin/costs?from={day:yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}");

        var steps = video["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
        var total = Decimal(video["costUsd"]);
        foreach (var step in steps)
        {
            var model = report["byModel"]!.AsArray().Single(m => (string?)m!["model"] == (string?)step["model"])!;
            Assert.Equal((string?)step["provider"], (string?)model["provider"]);
            Assert.Equal(Decimal(step["costUsd"]), Decimal(model["spendUsd"]));
            Assert.Equal(Math.Round(15m * Decimal(step["costUsd"]) / total, 6, MidpointRounding.AwayFromZero), Decimal(model["credits"]));
        }

        var fal = Row(report["byProvider"]!, "provider", "fal");
        Assert.Equal(steps.Where(s => (string?)s["provider"] == "fal").Sum(s => Decimal(s["costUsd"])), Decimal(fal["spendUsd"]));
        Assert.Equal(15m, report["byProvider"]!.AsArray().Sum(p => Decimal(p!["credits"])), 5);
        Assert.Contains(report["negativeMargins"]!.AsArray(), n => (string?)n!["group"] == "model" && ((string?)n["model"])!.Contains("kling", StringComparison.Ordinal) && (string?)n["pack"] == "agency");
        Assert.Equal(0m, Decimal(report["unattributedCredits"]));
    }

    [Fact]
    public async Task The_forecast_reproduces_the_cost_breakdowns_volume_table_within_tolerance()
    {
        using var admin = fixture.Api(Users.New("admin"), admin: true);

        var report = await GetAsync(admin, "/api/admin/costs?from=2025-01-01&to=2025-01-02");

        // §8: basic images $0.013, premium images $0.064, videos $0.25 each, at 1,000 / 10,000 / 50,000 / 100,000 a month.
        var table = new Dictionary<string, decimal> { ["basic image"] = 0.013m, ["premium image"] = 0.064m, ["video"] = 0.25m };
        var rows = report["forecast"]!.AsArray();
        Assert.Equal([1_000L, 10_000L, 50_000L, 100_000L], rows.Select(r => (long)r!["monthlyOutputs"]!));
        foreach (var row in rows)
        {
            var volume = (long)row!["monthlyOutputs"]!;
            var lines = row["lines"]!.AsArray();
            Assert.Equal(table.Keys, lines.Select(l => (string)l!["name"]!));
            foreach (var line in lines)
            {
                var unit = table[(string)line!["name"]!];
                var tolerance = volume * Math.Max(0.005m, unit * 0.03m);
                Assert.InRange(Decimal(line["costUsd"]), (unit * volume) - tolerance, (unit * volume) + tolerance);
                Assert.Equal(Decimal(line["unitCostUsd"]) * volume, Decimal(line["costUsd"]));
                Assert.Equal((long)line["creditsPerOutput"]! * volume, (long)line["credits"]!);
            }

            Assert.Equal(lines.Sum(l => Decimal(l!["costUsd"])), Decimal(row["costUsd"]));
        }

        var tenThousand = rows[1]!["lines"]!.AsArray();
        Assert.Equal(["basic-image", "premium-image", "other-video"], tenThousand.Select(l => (string)l!["outputType"]!));
        Assert.Equal([1L, 2L], tenThousand.Take(2).Select(l => (long)l!["creditsPerOutput"]!));
        Assert.Empty(report["forecastSkipped"]!.AsArray());
    }

    [Fact]
    public async Task The_forecast_takes_the_monthly_volumes_from_the_query()
    {
        using var admin = fixture.Api(Users.New("admin"), admin: true);

        var report = await GetAsync(admin, "/api/admin/costs?from=2025-01-01&to=2025-01-02&volumes=500,2000");

        Assert.Equal([500L, 2_000L], report["forecast"]!.AsArray().Select(r => (long)r!["monthlyOutputs"]!));
        Assert.Equal(500L * 2, (long)report["forecast"]![0]!["lines"]![1]!["credits"]!);
    }

    [Fact]
    public async Task An_empty_period_reports_zero_everywhere()
    {
        using var admin = fixture.Api(Users.New("admin"), admin: true);

        var report = await GetAsync(admin, "/api/admin/costs?from=1999-01-01T00:00:00Z&to=1999-01-01T12:00:00%2B02:00");

        Assert.Equal((0m, 0m), (Decimal(report["total"]!["spendUsd"]), Decimal(report["total"]!["credits"])));
        Assert.Empty(report["byOutputType"]!.AsArray());
        Assert.Empty(report["byModel"]!.AsArray());
        Assert.Equal(new DateTimeOffset(1999, 1, 1, 10, 0, 0, TimeSpan.Zero), report["to"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Bad_dates_or_volumes_are_400s_naming_the_parameter()
    {
        using var admin = fixture.Api(Users.New("admin"), admin: true);

        await ValidationAsync(await admin.GetAsync("/api/admin/costs?from=yesterday"), "from");
        await ValidationAsync(await admin.GetAsync("/api/admin/costs?from=2025-01-01&to=2025-13-01"), "to");
        await ValidationAsync(await admin.GetAsync("/api/admin/costs?from=2025-02-01&to=2025-01-01"), "from");
        await ValidationAsync(await admin.GetAsync("/api/admin/costs?from=2025-01-01&to=2025-01-01"), "from");
        await ValidationAsync(await admin.GetAsync("/api/admin/costs?from=2023-01-01&to=2025-01-01"), "to");
        await ValidationAsync(await admin.GetAsync("/api/admin/costs?to=0001-01-05"), "to");
        await ValidationAsync(await admin.GetAsync("/api/admin/costs?from=9999-12-30"), "from");
        await ValidationAsync(await admin.GetAsync("/api/admin/costs?volumes=lots"), "volumes");
        await ValidationAsync(await admin.GetAsync("/api/admin/costs?volumes=0"), "volumes");
        await ValidationAsync(await admin.GetAsync("/api/admin/costs?volumes=1000,,2000"), "volumes");
    }

    [Fact]
    public async Task The_cost_report_is_for_admins_only()
    {
        using var plain = fixture.Api(Users.New("curious"));
        using var anonymous = fixture.Api();

        await ProblemAsync(await plain.GetAsync("/api/admin/costs"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await anonymous.GetAsync("/api/admin/costs"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    /// <summary>
    /// Writes the Spend rows a delivered job of this quote leaves (one per quoted step at its quoted cost, and the
    /// charge row with its credits), as the pipeline's activities do; returns the quote.
    /// </summary>
    private async Task<JsonObject> SeedJobAsync(ApiClient admin, string kind, JsonObject request, DateTimeOffset at)
    {
        var quote = await PostAsync(admin, "/api/quotes", new { kind, request }, HttpStatusCode.OK);
        var spend = fixture.Host.Services.GetRequiredService<SpendStore>();
        var jobId = "seed_" + Guid.NewGuid().ToString("N");
        var outputType = (string)quote["outputType"]!;
        var index = 0;
        foreach (var step in quote["steps"]!.AsArray())
        {
            await spend.RecordAsync(new SpendRecord(jobId, $"{step!["name"]}-{++index}", "seeded-user", outputType, (string)step["provider"]!, (string)step["model"]!,
                1, SpendUnit.Requests, Decimal(step["costUsd"]), null, at));
        }

        await spend.RecordAsync(new SpendRecord(jobId, "charge", "seeded-user", outputType, "natak", outputType, 1, SpendUnit.Requests, 0m, (long)quote["credits"]!, at.AddMinutes(1)));
        return quote;
    }

    private static JsonObject Row(JsonNode rows, string field, string value) =>
        rows.AsArray().Single(r => (string?)r![field] == value)!.AsObject();

    private static JsonObject Margin(JsonObject row, string pack) =>
        row["margins"]!.AsArray().Single(m => (string?)m!["pack"] == pack)!.AsObject();
}
