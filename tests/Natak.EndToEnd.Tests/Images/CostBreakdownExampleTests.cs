using Microsoft.Extensions.DependencyInjection;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Tables.Credits;
using Natak.Tables.Spend;

namespace Natak.EndToEnd.Tests.Images;

/// <summary>The cost breakdown's image examples (§7, examples 2 and 3) end to end: calls, outputs, credits.</summary>
[Collection(ImagesCollection.Name)]
public sealed class CostBreakdownExampleTests(ImagesHostFixture fixture)
{
    private readonly ImageHarness _harness = new(fixture);

    [Fact]
    public async Task Example_2_writes_a_prompt_with_Grok_generates_one_1024_image_and_charges_one_credit()
    {
        var (user, api) = await _harness.NewUserAsync(credits: 10);
        using var _ = api;

        var jobId = await Jobs.StartAsync(api, "/api/images", new { idea = "a lighthouse keeper's cat watching a storm", width = 1024, height = 1024 });
        var job = await Jobs.WaitForTerminalAsync(api, jobId);

        Assert.Equal("succeeded", (string?)job["status"]);
        var calls = _harness.PaidCalls();
        Assert.Equal(["xai:chat", "fal-ai/z-image/turbo"], calls.Select(c => c.Model));

        var system = (string)calls[0].Input["messages"]![0]!["content"]!;
        Assert.Contains("FLUX z-image-turbo", system, StringComparison.Ordinal);
        Assert.Contains("safe for work", system, StringComparison.Ordinal);
        Assert.Contains("Natural descriptive sentences", system, StringComparison.Ordinal);
        Assert.Equal("a lighthouse keeper's cat watching a storm", (string?)calls[0].Input["messages"]![1]!["content"]);

        var prompt = (string)job["result"]!["prompt"]!;
        Assert.Equal(prompt, (string?)calls[1].Input["prompt"]);
        Assert.Equal(1024, (int)calls[1].Input["image_size"]!["width"]!);
        Assert.Equal(1024, (int)calls[1].Input["image_size"]!["height"]!);

        var image = Assert.Single(job["result"]!["images"]!.AsArray())!;
        var (_, size) = await ImageHarness.DownloadImageAsync(image);
        Assert.Equal((1024, 1024), (size.Width, size.Height));
        Assert.Equal((1024, 1024), ((int)image["width"]!, (int)image["height"]!));
        var stored = Assert.Single(await _harness.StoredAsync(user, jobId));
        Assert.EndsWith(".png", stored.Key, StringComparison.Ordinal);

        await AssertChargedOnceAsync(user, jobId, job, credits: 1, balanceBefore: 10);
        var spend = await fixture.Host.Services.GetRequiredService<SpendStore>().GetJobAsync(jobId);
        Assert.Contains(spend, s => s.Provider == "xai" && s.UnitKind == SpendUnit.TokensIn && s.Units > 0 && s.CostUsd > 0);
        Assert.Contains(spend, s => s.Provider == "xai" && s.UnitKind == SpendUnit.TokensOut && s.Units > 0);
        Assert.Contains(spend, s => s.Model == "fal-ai/z-image/turbo" && s.CostUsd == 0.008388608m);
    }

    [Fact]
    public async Task Example_3_generates_segments_inpaints_the_outfit_and_upscales_5x_for_two_credits()
    {
        var (user, api) = await _harness.NewUserAsync(credits: 10);
        using var _ = api;

        var jobId = await Jobs.StartAsync(api, "/api/images", new
        {
            idea = "a woman on a rooftop at golden hour",
            outfit = new { description = "red summer dress" },
            upscale = 5,
        });
        var job = await Jobs.WaitForTerminalAsync(api, jobId);

        Assert.Equal("succeeded", (string?)job["status"]);
        var calls = _harness.PaidCalls();
        Assert.Equal(
            ["xai:chat", "fal-ai/z-image/turbo", "fal-ai/sam-3/image", "fal-ai/z-image/turbo/inpaint", "fal-ai/seedvr/upscale/image"],
            calls.Select(c => c.Model));

        var (generate, segment, inpaint, upscale) = (calls[1].Input, calls[2].Input, calls[3].Input, calls[4].Input);
        Assert.Equal((string)job["result"]!["prompt"]!, (string?)generate["prompt"]);
        Assert.Equal("clothing", (string?)segment["prompt"]);
        Assert.Contains($"/users/{user}/jobs/{jobId}/generate-1-image", (string)segment["image_url"]!, StringComparison.Ordinal);
        Assert.Equal("red summer dress", (string?)inpaint["prompt"]);
        Assert.Contains("generate-1-image", (string)inpaint["image_url"]!, StringComparison.Ordinal);
        Assert.Contains("segment-1-mask", (string)inpaint["mask_image_url"]!, StringComparison.Ordinal);
        Assert.Null(inpaint["mask_url"]);
        Assert.Equal(5, (int)upscale["upscale_factor"]!);
        Assert.Equal("factor", (string?)upscale["upscale_mode"]);
        Assert.Contains("inpaint-1-image", (string)upscale["image_url"]!, StringComparison.Ordinal);

        var image = Assert.Single(job["result"]!["images"]!.AsArray())!;
        var (_, size) = await ImageHarness.DownloadImageAsync(image);
        Assert.Equal((5120, 5120), (size.Width, size.Height));
        Assert.Equal(4, (await _harness.StoredAsync(user, jobId)).Count); // generated, mask, inpainted, upscaled

        await AssertChargedOnceAsync(user, jobId, job, credits: 2, balanceBefore: 10);
    }

    private async Task AssertChargedOnceAsync(string user, string jobId, System.Text.Json.Nodes.JsonObject job, long credits, long balanceBefore)
    {
        Assert.Equal(credits, (long)job["credits"]!["reserved"]!);
        Assert.Equal(credits, (long)job["credits"]!["charged"]!);
        Assert.Equal(0, (long)job["credits"]!["refunded"]!);
        var balance = await _harness.Ledger.GetBalanceAsync(user);
        Assert.Equal(balanceBefore - credits, balance.Balance);
        Assert.Equal(0, balance.Reserved);
        var journal = await _harness.JournalAsync(user);
        var capture = Assert.Single(journal, e => e.Kind == JournalKind.Capture);
        Assert.Equal(credits, capture.Amount);
        Assert.Equal(jobId, capture.JobId);
        Assert.Single(journal, e => e.Kind == JournalKind.Hold);
    }
}
