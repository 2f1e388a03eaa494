using System.Net;
using System.Text.Json;

namespace Natak.Simulator.Tests;

public sealed class FalValidationTests
{
    private static readonly string Png = TestFiles.PngUri(1024, 1024);

    public static TheoryData<string, string, string, string> InvalidInputs => new()
    {
        // model, body, loc below "body" (dotted), error type
        { "fal-ai/z-image/turbo", "{}", "prompt", "missing" },
        { "fal-ai/z-image/turbo", """{"prompt":"x","num_images":"2"}""", "num_images", "int_type" },
        { "fal-ai/z-image/turbo", """{"prompt":"x","num_images":1.5}""", "num_images", "int_from_float" },
        { "fal-ai/z-image/turbo", """{"prompt":"x","num_images":5}""", "num_images", "less_than_equal" },
        { "fal-ai/z-image/turbo", """{"prompt":"x","image_size":"huge"}""", "image_size", "literal_error" },
        { "fal-ai/z-image/turbo", """{"prompt":"x","image_size":{"width":4096,"height":1024}}""", "image_size.width", "less_than_equal" },
        { "fal-ai/z-image/turbo", """{"prompt":"x","image_size":{"width":1024}}""", "image_size.height", "missing" },
        { "fal-ai/z-image/turbo", """{"prompt":42}""", "prompt", "string_type" },
        { "fal-ai/z-image/turbo/lora", """{"prompt":"x","loras":[{"path":"a"},{"path":"b"},{"path":"c"},{"path":"d"}]}""", "loras", "too_long" },
        { "fal-ai/z-image/turbo/lora", """{"prompt":"x","loras":[{"scale":1}]}""", "loras.0.path", "missing" },
        { "fal-ai/z-image/turbo/inpaint", $$"""{"prompt":"x","image_url":"{{Png}}","mask_url":"{{Png}}"}""", "mask_image_url", "missing" },
        { "fal-ai/flux-lora/inpainting", $$"""{"prompt":"x","image_url":"{{Png}}","mask_image_url":"{{Png}}"}""", "mask_url", "missing" },
        { "fal-ai/z-image/turbo/image-to-image", $$"""{"prompt":"x","image_url":"{{Png}}","strength":1.5}""", "strength", "less_than_equal" },
        { "fal-ai/kling-video/v2.6/pro/image-to-video", $$"""{"prompt":"x","start_image_url":"{{Png}}","duration":5}""", "duration", "literal_error" },
        { "fal-ai/kling-video/v2.6/pro/image-to-video", $$"""{"prompt":"x","image_url":"{{Png}}"}""", "start_image_url", "missing" },
        { "fal-ai/kling-video/v2.1/pro/image-to-video", """{"prompt":"x"}""", "image_url", "missing" },
        { "fal-ai/veo3.1/fast", """{"prompt":"x","duration":"8"}""", "duration", "literal_error" },
        { "fal-ai/veo3.1", """{"prompt":"x","resolution":"480p"}""", "resolution", "literal_error" },
        { "fal-ai/ltx-2.3/text-to-video/fast", """{"prompt":"x","duration":"8"}""", "duration", "float_type" },
        { "fal-ai/ltx-2.3/text-to-video/fast", """{"prompt":"x","duration":25}""", "duration", "less_than_equal" },
        { "fal-ai/ltx-2.3/text-to-video", """{"prompt":"x","duration":5}""", "duration", "greater_than_equal" },
        { "fal-ai/ltx-2.3/text-to-video/fast", """{"prompt":"x","duration":15,"resolution":"1440p"}""", "duration", "value_error" },
        { "fal-ai/ltx-2.3/image-to-video/fast", """{"prompt":"x","duration":6,"generate_audio":"yes"}""", "generate_audio", "bool_type" },
        { "fal-ai/wan-25-preview/image-to-video", $$"""{"prompt":"{{new string('a', 1501)}}","image_url":"{{Png}}"}""", "prompt", "string_too_long" },
        { "wan/v2.6/image-to-video", $$"""{"prompt":"x","image_url":"{{Png}}","duration":"20"}""", "duration", "literal_error" },
        { "fal-ai/wan/v2.2-14b/animate/move", $$"""{"image_url":"{{Png}}","resolution":"1080p"}""", "video_url", "missing" },
        { "fal-ai/lora", """{"prompt":"x"}""", "model_name", "missing" },
        { "fal-ai/seedvr/upscale/image", $$"""{"image_url":"{{Png}}","upscale_factor":11}""", "upscale_factor", "less_than_equal" },
        { "fal-ai/nano-banana-pro", """{"prompt":"x","resolution":"8K"}""", "resolution", "literal_error" },
        { "fal-ai/dwpose", """{"draw_mode":"body-pose"}""", "image_url", "missing" },
        { "fal-ai/sam-3/image", $$"""{"image_url":"{{Png}}","point_prompts":"x"}""", "point_prompts", "list_type" },
        { "fal-ai/flux-lora-fast-training", """{"trigger_word":"ohwx","steps":1000}""", "images_data_url", "missing" },
        { "fal-ai/flux-lora-fast-training", """{"images_data_url":"x","steps":0}""", "steps", "greater_than_equal" },
        { "fal-ai/ffmpeg-api/extract-frame", """{"video_url":"x","frame_type":"random"}""", "frame_type", "literal_error" },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public async Task Invalid_input_is_rejected_at_submit_with_422_in_fals_shape(string model, string body, string field, string type)
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.FalPostAsync(model, body);
        var json = await SimClient.JsonAsync(response);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("false", response.Headers.GetValues("X-Fal-Retryable").Single());
        var issue = Assert.Single(json.GetProperty("detail").EnumerateArray(), d => LocOf(d) == "body." + field);
        Assert.Equal(type, issue.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(issue.GetProperty("msg").GetString()));
        Assert.EndsWith(type, issue.GetProperty("url").GetString(), StringComparison.Ordinal);
        var submit = Assert.Single(sim.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Submit));
        Assert.Equal(422, submit.StatusCode);
        Assert.Null(submit.RequestId);
    }

    [Fact]
    public async Task Every_problem_of_a_request_is_reported_together()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.FalPostAsync("fal-ai/z-image/turbo", """{"num_images":"2","seed":"x"}""");
        var json = await SimClient.JsonAsync(response);

        Assert.Equal(["body.prompt", "body.num_images", "body.seed"], json.GetProperty("detail").EnumerateArray().Select(LocOf).ToArray());
    }

    [Fact]
    public async Task Range_and_enum_errors_carry_their_context()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var range = await client.FalPostAsync("fal-ai/seedvr/upscale/image", $$"""{"image_url":"{{Png}}","upscale_factor":0.5}""");
        using var choice = await client.FalPostAsync("fal-ai/kling-video/v2.6/pro/text-to-video", """{"prompt":"x","duration":"7"}""");

        var rangeIssue = (await SimClient.JsonAsync(range)).GetProperty("detail")[0];
        Assert.Equal(1, rangeIssue.GetProperty("ctx").GetProperty("ge").GetDouble());
        Assert.Equal("Input should be greater than or equal to 1", rangeIssue.GetProperty("msg").GetString());
        var choiceIssue = (await SimClient.JsonAsync(choice)).GetProperty("detail")[0];
        Assert.Equal("Input should be '5' or '10'", choiceIssue.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_as_fal_does()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var submitted = await client.FalSubmitAsync("fal-ai/z-image/turbo", new { prompt = "x", not_a_field = true, guidance = "whatever" });

        Assert.Equal("IN_QUEUE", submitted.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_blocked_marker_in_a_prompt_is_a_422_content_policy_violation()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.FalPostAsync("fal-ai/z-image/turbo", new { prompt = "a [[blocked]] scene" });
        var issue = (await SimClient.JsonAsync(response)).GetProperty("detail")[0];

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("body.prompt", LocOf(issue));
        Assert.Equal("content_policy_violation", issue.GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_unreachable_input_url_is_a_422_file_download_error()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.FalPostAsync("fal-ai/seedvr/upscale/image", new { image_url = sim.Endpoints.FalCdnBaseUrl + "/files/nothing/here.png" });
        var issue = (await SimClient.JsonAsync(response)).GetProperty("detail")[0];

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("body.image_url", LocOf(issue));
        Assert.Equal("file_download_error", issue.GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_input_that_is_not_an_image_is_a_422_image_load_error()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.FalPostAsync("fal-ai/dwpose", new { image_url = TestFiles.DataUri("not an image"u8.ToArray(), "image/png") });
        var issue = (await SimClient.JsonAsync(response)).GetProperty("detail")[0];

        Assert.Equal("image_load_error", issue.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_lora_path_that_cannot_be_downloaded_is_reported_at_its_position()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        var good = TestFiles.DataUri([1, 2, 3], "application/octet-stream");

        using var response = await client.FalPostAsync("fal-ai/z-image/turbo/lora",
            new { prompt = "x", loras = new object[] { new { path = good, scale = 1.0 }, new { path = "http://127.0.0.1:1/missing.safetensors" } } });
        var issue = (await SimClient.JsonAsync(response)).GetProperty("detail")[0];

        Assert.Equal("body.loras.1.path", LocOf(issue));
        Assert.Equal("file_download_error", issue.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_training_archive_with_three_images_is_rejected()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.FalPostAsync("fal-ai/flux-lora-fast-training",
            new { images_data_url = TestFiles.DataUri(TestFiles.Zip(3), "application/zip"), trigger_word = "ohwx" });
        var issue = (await SimClient.JsonAsync(response)).GetProperty("detail")[0];

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("archive_file_count_below_minimum", issue.GetProperty("type").GetString());
        Assert.Equal(3, issue.GetProperty("ctx").GetProperty("provided_count").GetInt32());
        Assert.Equal(4, issue.GetProperty("ctx").GetProperty("min_count").GetInt32());
    }

    [Fact]
    public async Task A_training_file_that_is_not_a_zip_is_rejected()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.FalPostAsync("fal-ai/flux-lora-fast-training",
            new { images_data_url = TestFiles.DataUri(TestFiles.JpegHeader(10, 10), "application/zip") });
        var issue = (await SimClient.JsonAsync(response)).GetProperty("detail")[0];

        Assert.Equal("invalid_archive", issue.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_a_json_object_is_422()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.FalPostAsync("fal-ai/z-image/turbo", "[1,2,3]");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    private static string LocOf(JsonElement issue) =>
        string.Join('.', issue.GetProperty("loc").EnumerateArray().Select(p => p.ValueKind == JsonValueKind.Number ? p.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : p.GetString()));
}
