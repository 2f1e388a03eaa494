using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Natak.Core.Pricing;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Simulator;
using Natak.Tables.Spend;
using static Natak.EndToEnd.Tests.Money.MoneyCalls;

namespace Natak.EndToEnd.Tests.Money;

/// <summary>The money saga through the real routes, the orchestration and the provider simulator.</summary>
[Collection(MoneyCollection.Name)]
public sealed class JobChargingTests(MoneyHostFixture fixture) : IDisposable
{
    private const string ImageModel = "fal-ai/z-image/turbo";

    public void Dispose() => fixture.Simulator.Control.ClearFaults();

    [Fact]
    public async Task A_job_whose_provider_step_fails_costs_the_user_nothing()
    {
        var user = Users.New("unlucky");
        await fixture.GrantAsync(user, 10);
        using var api = fixture.Api(user);
        FailNextGenerations(1);

        var jobId = await Jobs.StartAsync(api, "/api/images", new { prompt = "a lighthouse at dawn", width = 1024, height = 1024 });
        var job = await Jobs.WaitForTerminalAsync(api, jobId);

        Assert.Equal("failed", (string?)job["status"]);
        Assert.Equal((1L, 0L, 1L), Credits(job));
        Assert.Equal((10, 0, 10), await CreditsAsync(api));
        Assert.Equal([("release", 1L), ("hold", 1L), ("grant", 10L)], await JournalAsync(api));
        Assert.Empty(await SpendOfAsync(jobId));
    }

    [Fact]
    public async Task A_batch_that_delivers_three_of_four_images_charges_three()
    {
        var user = Users.New("batcher");
        await fixture.GrantAsync(user, 10);
        using var api = fixture.Api(user);
        FailNextGenerations(1);

        var jobId = await Jobs.StartAsync(api, "/api/images", new { prompt = "a lighthouse at dawn", width = 1024, height = 1024, count = 4 });
        var job = await Jobs.WaitForTerminalAsync(api, jobId);

        Assert.Equal("succeeded", (string?)job["status"]);
        Assert.Equal(3, job["result"]!["images"]!.AsArray().Count);
        Assert.Equal((4L, 3L, 1L), Credits(job));
        Assert.Equal((7, 0, 7), await CreditsAsync(api));
        Assert.Equal([("release", 1L), ("capture", 3L), ("hold", 4L), ("grant", 10L)], await JournalAsync(api));
        var entries = (await GetAsync(api, "/api/credits/entries"))["items"]!.AsArray();
        Assert.All(entries.Take(3), e => Assert.Equal(jobId, (string?)e!["jobId"]));
        var spend = await SpendOfAsync(jobId);
        Assert.Equal(3, spend.Count(s => s.Step.StartsWith("generate-", StringComparison.Ordinal)));
        var charge = Assert.Single(spend, s => s.CreditsCharged is not null);
        Assert.Equal((3L, 3m), (charge.CreditsCharged, charge.Units));
    }

    [Fact]
    public async Task A_start_the_balance_cannot_cover_is_a_402_with_required_and_available_and_creates_no_job()
    {
        var user = Users.New("short");
        await fixture.GrantAsync(user, 2);
        using var api = fixture.Api(user);

        var response = await api.PostJsonAsync("/api/images", new { prompt = "a lighthouse at dawn", count = 4 });

        var problem = await ProblemAsync(response, HttpStatusCode.PaymentRequired, "insufficient_credits");
        Assert.Equal((4L, 2L), ((long)problem["required"]!, (long)problem["available"]!));
        Assert.Empty((await GetAsync(api, "/api/jobs"))["items"]!.AsArray());
        Assert.Equal((2, 0, 2), await CreditsAsync(api));
        Assert.Equal([("grant", 2L)], await JournalAsync(api));
    }

    [Fact]
    public async Task Every_paid_step_records_its_actual_cost_and_the_cost_report_counts_the_job()
    {
        var user = Users.New("spender");
        await fixture.GrantAsync(user, 5);
        using var api = fixture.Api(user);
        using var admin = fixture.Api(Users.New("admin"), admin: true);
        var catalog = fixture.Host.Services.GetRequiredService<PricingCatalog>();
        // Tests of this collection run one after another and wait for their jobs: from here on, only this job pays.
        var started = DateTimeOffset.UtcNow;

        var jobId = await Jobs.StartAsync(api, "/api/images", new { idea = "a lighthouse at dawn", width = 1024, height = 1024 });
        var job = await Jobs.WaitForTerminalAsync(api, jobId);

        Assert.Equal("succeeded", (string?)job["status"]);
        var spend = await SpendOfAsync(jobId);
        var generate = Assert.Single(spend, s => s.Step == "generate-1");
        Assert.Equal(("fal", ImageModel, SpendUnit.Megapixels, 1.048576m), (generate.Provider, generate.Model, generate.UnitKind, generate.Units));
        Assert.Equal(catalog.CostOf(catalog.Defaults.ImageModel, "fal", Units.Image(1024, 1024)), generate.CostUsd);
        var promptIn = Assert.Single(spend, s => s.UnitKind == SpendUnit.TokensIn);
        var promptOut = Assert.Single(spend, s => s.UnitKind == SpendUnit.TokensOut);
        Assert.Equal("xai", promptIn.Provider);
        Assert.Equal(catalog.CostOf(catalog.Pipeline.Prompt, "xai", Units.Tokens((long)promptIn.Units, (long)promptOut.Units)), promptIn.CostUsd + promptOut.CostUsd);
        Assert.True(promptIn.CostUsd > 0 && promptOut.CostUsd > 0);
        var charge = Assert.Single(spend, s => s.CreditsCharged is not null);
        Assert.Equal((1L, "basic-image"), (charge.CreditsCharged, charge.OutputType));
        Assert.Equal(4, spend.Count);

        var report = await GetAsync(admin, $"/api/admin/costs?from={Iso(started)}&to={Iso(DateTimeOffset.UtcNow.AddSeconds(1))}");
        var basic = Assert.Single(report["byOutputType"]!.AsArray())!;
        Assert.Equal(("basic-image", 1m, 1L), ((string)basic["outputType"]!, Decimal(basic["credits"]), (long)basic["outputs"]!));
        Assert.Equal(spend.Sum(s => s.CostUsd), Decimal(basic["spendUsd"]));
        Assert.Equal(generate.CostUsd, Decimal(report["byModel"]!.AsArray().Single(m => (string?)m!["model"] == ImageModel)!["spendUsd"]));
    }

    private void FailNextGenerations(int times) =>
        fixture.Simulator.Control.AddFault(new FaultRule
        {
            Provider = SimulatorProvider.Fal,
            Model = ImageModel,
            Operation = SimulatorOperation.Submit,
            Kind = FaultKind.CompletedWithError,
            StatusCode = 422,
            Times = times,
        });

    private async Task<IReadOnlyList<SpendRecord>> SpendOfAsync(string jobId) =>
        await fixture.Host.Services.GetRequiredService<SpendStore>().GetJobAsync(jobId);

    private static (long Reserved, long Charged, long Refunded) Credits(JsonObject job) =>
        ((long)job["credits"]!["reserved"]!, (long)job["credits"]!["charged"]!, (long)job["credits"]!["refunded"]!);

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
}
