using System.Text.Json;

namespace Natak.Simulator.Tests;

public sealed class ImageOutputTests
{
    [Theory]
    [InlineData("\"square_hd\"", 1024, 1024)]
    [InlineData("\"portrait_16_9\"", 576, 1024)]
    [InlineData("\"landscape_4_3\"", 1024, 768)]
    [InlineData("{\"width\":768,\"height\":1344}", 768, 1344)]
    public async Task Generated_images_are_valid_PNGs_of_the_requested_size(string imageSize, int width, int height)
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var output = await client.FalRunAsync("fal-ai/z-image/turbo", $$"""{"prompt":"a lighthouse","image_size":{{imageSize}},"seed":1}""");

        var image = output.GetProperty("images")[0];
        Assert.Equal(width, image.GetProperty("width").GetInt32());
        Assert.Equal(height, image.GetProperty("height").GetInt32());
        var png = PngFile.Read(await client.DownloadAsync(image.GetProperty("url").GetString()!));
        Assert.Equal((width, height, 8, 2), (png.Width, png.Height, png.BitDepth, png.ColorType));
    }

    [Fact]
    public async Task The_default_size_is_used_without_image_size()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var output = await client.FalRunAsync("fal-ai/lora", new { model_name = "pony-realism", prompt = "x" });

        Assert.Equal((1024, 1024), Size(output.GetProperty("images")[0]));
    }

    [Fact]
    public async Task The_same_prompt_and_seed_give_the_same_bytes_and_another_seed_does_not()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var first = await DownloadFirstImageAsync(client, seed: 7);
        var again = await DownloadFirstImageAsync(client, seed: 7);
        var other = await DownloadFirstImageAsync(client, seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(PngFile.Read(first).Scanlines, PngFile.Read(other).Scanlines);
    }

    [Fact]
    public async Task Without_a_seed_fal_picks_one_and_reports_it()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var first = await client.FalRunAsync("fal-ai/z-image/turbo", new { prompt = "x" });
        var second = await client.FalRunAsync("fal-ai/z-image/turbo", new { prompt = "x" });

        Assert.NotEqual(first.GetProperty("seed").GetInt64(), second.GetProperty("seed").GetInt64());
    }

    [Fact]
    public async Task Num_images_gives_that_many_different_images()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var output = await client.FalRunAsync("fal-ai/z-image/turbo", new { prompt = "x", num_images = 3, image_size = "square", seed = 3 });

        var urls = output.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("url").GetString()!).ToList();
        Assert.Equal(3, urls.Count);
        var contents = await Task.WhenAll(urls.Select(client.DownloadAsync));
        Assert.Equal(3, contents.Select(Convert.ToBase64String).Distinct().Count());
    }

    [Theory]
    [InlineData("jpeg", 640, 480, 2, 1280, 960)]
    [InlineData("png", 1024, 1024, 5, 5120, 5120)]
    [InlineData("png", 800, 600, 2.5, 2000, 1500)]
    public async Task Upscale_by_factor_multiplies_the_input_size(string format, int width, int height, double factor, int expectedWidth, int expectedHeight)
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        var input = format == "png" ? TestFiles.PngUri(width, height) : TestFiles.JpegUri(width, height);

        var output = await client.FalRunAsync("fal-ai/seedvr/upscale/image", new { image_url = input, upscale_mode = "factor", upscale_factor = factor });

        var image = output.GetProperty("image");
        Assert.Equal((expectedWidth, expectedHeight), Size(image));
        var png = PngFile.Read(await client.DownloadAsync(image.GetProperty("url").GetString()!));
        Assert.Equal((expectedWidth, expectedHeight), (png.Width, png.Height));
        Assert.True(output.TryGetProperty("seed", out _));
    }

    [Fact]
    public async Task Upscale_reads_the_size_of_a_previous_output_over_http()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        var generated = await client.FalRunAsync("fal-ai/z-image/turbo", new { prompt = "x", image_size = "portrait_4_3" });

        var upscaled = await client.FalRunAsync("fal-ai/seedvr/upscale/image",
            new { image_url = generated.GetProperty("images")[0].GetProperty("url").GetString(), upscale_factor = 2 });

        Assert.Equal((1536, 2048), Size(upscaled.GetProperty("image")));
    }

    [Fact]
    public async Task Upscale_to_a_target_resolution_sets_the_short_side()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var output = await client.FalRunAsync("fal-ai/seedvr/upscale/image",
            new { image_url = TestFiles.PngUri(1280, 720), upscale_mode = "target", target_resolution = "2160p" });

        Assert.Equal((3840, 2160), Size(output.GetProperty("image")));
    }

    [Theory]
    [InlineData("fal-ai/dwpose")]
    [InlineData("fal-ai/imageutils/depth")]
    public async Task Control_maps_are_sized_like_their_input(string model)
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var output = await client.FalRunAsync(model, new { image_url = TestFiles.JpegUri(768, 1024) });

        var image = output.GetProperty("image");
        Assert.Equal((768, 1024), Size(image));
        var png = PngFile.Read(await client.DownloadAsync(image.GetProperty("url").GetString()!));
        Assert.Equal((768, 1024), (png.Width, png.Height));
    }

    [Fact]
    public async Task Segmentation_masks_are_sized_like_their_input()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var output = await client.FalRunAsync("fal-ai/sam-3/image", new { image_url = TestFiles.PngUri(900, 1200), prompt = "clothing" });

        var mask = output.GetProperty("masks")[0];
        Assert.Equal((900, 1200), Size(mask));
        Assert.Equal(output.GetProperty("masks").GetArrayLength(), output.GetProperty("scores").GetArrayLength());
    }

    [Theory]
    [InlineData("fal-ai/z-image/turbo/inpaint", "mask_image_url")]
    [InlineData("fal-ai/flux-lora/inpainting", "mask_url")]
    [InlineData("fal-ai/z-image/turbo/image-to-image", null)]
    [InlineData("fal-ai/z-image/turbo/controlnet", null)]
    public async Task Image_conditioned_models_keep_the_input_size(string model, string? maskField)
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        var body = new Dictionary<string, object> { ["prompt"] = "x", ["image_url"] = TestFiles.PngUri(832, 1216) };
        if (maskField is not null)
        {
            body[maskField] = TestFiles.PngUri(832, 1216);
        }

        var output = await client.FalRunAsync(model, body);

        Assert.Equal((832, 1216), Size(output.GetProperty("images")[0]));
    }

    [Theory]
    [InlineData("1:1", "1K", 1024, 1024)]
    [InlineData("16:9", "2K", 2752, 1536)]
    [InlineData("9:16", "4K", 3072, 5504)]
    public async Task Nano_banana_sizes_follow_aspect_ratio_and_resolution(string aspectRatio, string resolution, int width, int height)
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var output = await client.FalRunAsync("fal-ai/nano-banana-pro", new { prompt = "x", aspect_ratio = aspectRatio, resolution });

        Assert.Equal((width, height), Size(output.GetProperty("images")[0]));
        Assert.Equal(JsonValueKind.String, output.GetProperty("description").ValueKind);
    }

    [Fact]
    public async Task An_extracted_frame_has_the_size_of_the_video()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        var video = await client.FalRunAsync("fal-ai/ltx-2.3/text-to-video/fast", new { prompt = "x", duration = 6, aspect_ratio = "9:16" });

        var frame = await client.FalRunAsync("fal-ai/ffmpeg-api/extract-frame",
            new { video_url = video.GetProperty("video").GetProperty("url").GetString(), frame_type = "last" });

        Assert.Equal((1080, 1920), Size(frame.GetProperty("images")[0]));
    }

    private static (int, int) Size(JsonElement image) => (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32());

    private static async Task<byte[]> DownloadFirstImageAsync(SimClient client, int seed)
    {
        var output = await client.FalRunAsync("fal-ai/z-image/turbo", new { prompt = "a red fox in snow", image_size = "square_hd", seed });
        return await client.DownloadAsync(output.GetProperty("images")[0].GetProperty("url").GetString()!);
    }
}
