using System.Text.Json.Nodes;
using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.Images;

/// <summary>Every other image pipeline of the cost breakdown §2: control maps, edits, clothing change of a photo, upscales, the other models.</summary>
[Collection(ImagesCollection.Name)]
public sealed class ImageVariantTests(ImagesHostFixture fixture)
{
    private readonly ImageHarness _harness = new(fixture);

    [Theory]
    [InlineData("pose", "fal-ai/dwpose")]
    [InlineData("depth", "fal-ai/imageutils/depth")]
    public async Task A_control_map_made_from_the_control_image_feeds_the_ControlNet(string map, string mapModel)
    {
        var (user, api) = await _harness.NewUserAsync(credits: 10);
        using var _ = api;
        var photo = await _harness.UploadPngAsync(user, 768, 1024);

        var job = await RunAsync(api, new
        {
            prompt = "a dancer mid-leap",
            width = 768,
            height = 1024,
            control = new JsonObject { ["imageUrl"] = photo, [map] = true },
        });

        var calls = _harness.PaidCalls();
        Assert.Equal([mapModel, "fal-ai/z-image/turbo/controlnet"], calls.Select(c => c.Model));
        Assert.Equal(photo, (string?)calls[0].Input["image_url"]);
        Assert.Contains($"/{map}-image", (string)calls[1].Input["image_url"]!, StringComparison.Ordinal);
        Assert.Equal(768, (int)calls[1].Input["image_size"]!["width"]!);
        await AssertOneImageAsync(job, 768, 1024);
        Assert.Equal(2, (long)job["credits"]!["charged"]!);
    }

    [Fact]
    public async Task An_edit_of_a_source_image_refines_it_with_the_prompt_and_keeps_its_size()
    {
        var (user, api) = await _harness.NewUserAsync(credits: 10);
        using var _ = api;
        var photo = await _harness.UploadPngAsync(user, 832, 1216);

        var job = await RunAsync(api, new { prompt = "make it a watercolour", sourceImageUrl = photo });

        var call = Assert.Single(_harness.PaidCalls());
        Assert.Equal("fal-ai/z-image/turbo/image-to-image", call.Model);
        Assert.Equal(photo, (string?)call.Input["image_url"]);
        Assert.Equal("make it a watercolour", (string?)call.Input["prompt"]);
        await AssertOneImageAsync(job, 832, 1216);
    }

    [Fact]
    public async Task A_clothing_change_of_a_source_image_segments_the_photo_and_inpaints_the_outfit()
    {
        var (user, api) = await _harness.NewUserAsync(credits: 10);
        using var _ = api;
        var photo = await _harness.UploadPngAsync(user, 1024, 1024);

        var job = await RunAsync(api, new { sourceImageUrl = photo, outfit = new { description = "a navy suit" } });

        var calls = _harness.PaidCalls();
        Assert.Equal(["fal-ai/sam-3/image", "fal-ai/z-image/turbo/inpaint"], calls.Select(c => c.Model));
        Assert.Equal(photo, (string?)calls[0].Input["image_url"]);
        Assert.Equal("clothing", (string?)calls[0].Input["prompt"]);
        Assert.Equal(photo, (string?)calls[1].Input["image_url"]);
        Assert.Equal("a navy suit", (string?)calls[1].Input["prompt"]);
        Assert.Contains("segment-1-mask", (string)calls[1].Input["mask_image_url"]!, StringComparison.Ordinal);
        await AssertOneImageAsync(job, 1024, 1024);
    }

    [Theory]
    [InlineData(2, 1536, 1024)]
    [InlineData(4, 2048, 3072)]
    public async Task An_upscale_multiplies_both_sides_by_the_factor(int factor, int width, int height)
    {
        var (_, api) = await _harness.NewUserAsync(credits: 10);
        using var _ = api;

        var job = await RunAsync(api, new { prompt = "a harbour at night", width = width / factor, height = height / factor, upscale = factor });

        var calls = _harness.PaidCalls();
        Assert.Equal(["fal-ai/z-image/turbo", "fal-ai/seedvr/upscale/image"], calls.Select(c => c.Model));
        Assert.Equal(factor, (int)calls[1].Input["upscale_factor"]!);
        await AssertOneImageAsync(job, width, height);
    }

    [Fact]
    public async Task Nano_banana_pro_gets_the_aspect_ratio_of_the_size_at_1K()
    {
        var (_, api) = await _harness.NewUserAsync(credits: 10);
        using var _ = api;

        var job = await RunAsync(api, new { prompt = "a cosy reading nook", model = "nano-banana-pro", width = 1024, height = 576 });

        var call = Assert.Single(_harness.PaidCalls());
        Assert.Equal("fal-ai/nano-banana-pro", call.Model);
        Assert.Equal("16:9", (string?)call.Input["aspect_ratio"]);
        Assert.Equal("1K", (string?)call.Input["resolution"]);
        Assert.Equal(1, (int)call.Input["num_images"]!);
        var image = Assert.Single(job["result"]!["images"]!.AsArray())!;
        var (_, size) = await ImageHarness.DownloadImageAsync(image);
        Assert.True(size.Width > size.Height, $"a 16:9 image is wider than tall (got {size.Width}x{size.Height})");
    }

    [Fact]
    public async Task Pony_realism_gets_a_prompt_written_in_its_tag_style_and_runs_the_SDXL_checkpoint_with_the_size_and_seed()
    {
        var (_, api) = await _harness.NewUserAsync(credits: 10);
        using var _ = api;

        var job = await RunAsync(api, new { idea = "a vintage car on a coastal road", model = "pony-realism", width = 1024, height = 768, seed = 42, rating = "nsfw" });

        var calls = _harness.PaidCalls();
        Assert.Equal(["xai:chat", "fal-ai/lora"], calls.Select(c => c.Model));
        var system = (string)calls[0].Input["messages"]![0]!["content"]!;
        Assert.Contains("Pony Realism (SDXL)", system, StringComparison.Ordinal);
        Assert.Contains("score_9, score_8_up", system, StringComparison.Ordinal);
        Assert.Contains("Adult content is allowed", system, StringComparison.Ordinal);
        var call = calls[1];
        Assert.Equal((string?)job["result"]!["prompt"], (string?)call.Input["prompt"]);
        Assert.Contains("pony-realism", (string)call.Input["model_name"]!, StringComparison.Ordinal);
        Assert.Equal(42, (long)call.Input["seed"]!);
        Assert.False((bool)call.Input["enable_safety_checker"]!);
        var image = await AssertOneImageAsync(job, 1024, 768);
        Assert.Equal(42, (long)image["seed"]!);
    }

    private static async Task<JsonObject> RunAsync(ApiClient api, object body)
    {
        var jobId = await Jobs.StartAsync(api, "/api/images", body);
        var job = await Jobs.WaitForTerminalAsync(api, jobId);
        Assert.True((string?)job["status"] == "succeeded", job.ToJsonString());
        return job;
    }

    private static async Task<JsonNode> AssertOneImageAsync(JsonObject job, int width, int height)
    {
        var image = Assert.Single(job["result"]!["images"]!.AsArray())!;
        var (_, size) = await ImageHarness.DownloadImageAsync(image);
        Assert.Equal((width, height), (size.Width, size.Height));
        Assert.Equal((width, height), ((int)image["width"]!, (int)image["height"]!));
        return image;
    }
}
