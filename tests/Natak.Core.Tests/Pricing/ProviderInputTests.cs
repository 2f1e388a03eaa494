using System.Text.Json.Nodes;
using Natak.Core.Pricing;

namespace Natak.Core.Tests.Pricing;

/// <summary>The catalogue's field mappings write each provider's own input names and shapes.</summary>
public class ProviderInputTests
{
    private static readonly PricingCatalog Catalog = Catalogs.Default;

    private static readonly Dictionary<string, string> VideoValues = new()
    {
        [InputNames.Prompt] = "she smiles",
        [InputNames.Image] = "https://cdn.example.com/start.png",
        [InputNames.Duration] = "5",
        [InputNames.Resolution] = "1080p",
        [InputNames.Audio] = "true",
    };

    [Fact]
    public void Kling_on_fal_takes_start_image_url_and_a_string_duration()
    {
        var body = Build("kling-2.6-pro", "fal", EndpointVariants.ImageToVideo, VideoValues);

        Assert.Equal("""{"prompt":"she smiles","start_image_url":"https://cdn.example.com/start.png","duration":"5","generate_audio":true}""", body);
    }

    [Fact]
    public void Kling_on_WaveSpeed_takes_image_an_integer_duration_and_sound()
    {
        var body = Build("kling-2.6-pro", "wavespeed", EndpointVariants.ImageToVideo, VideoValues);

        Assert.Equal("""{"prompt":"she smiles","image":"https://cdn.example.com/start.png","duration":5,"sound":true}""", body);
    }

    [Fact]
    public void Veo_takes_its_duration_with_an_s_suffix()
    {
        var body = JsonNode.Parse(Build("veo-3-fast", "fal", EndpointVariants.TextToVideo, VideoValues))!;

        Assert.Equal("5s", (string?)body["duration"]);
        Assert.Null(body["image_url"]);
    }

    [Fact]
    public void The_two_inpainting_models_name_the_mask_differently()
    {
        var values = new Dictionary<string, string>
        {
            [InputNames.Prompt] = "red dress",
            [InputNames.Image] = "https://cdn.example.com/a.png",
            [InputNames.Mask] = "https://cdn.example.com/m.png",
            [InputNames.Lora] = "https://cdn.example.com/maya.safetensors",
        };

        var zImage = JsonNode.Parse(Build("z-image-inpaint", "fal", EndpointVariants.Default, values))!;
        var flux = JsonNode.Parse(Build("flux-lora-inpaint", "fal", EndpointVariants.Default, values))!;

        Assert.Equal("https://cdn.example.com/m.png", (string?)zImage["mask_image_url"]);
        Assert.Null(zImage["loras"]);
        Assert.Equal("https://cdn.example.com/m.png", (string?)flux["mask_url"]);
        Assert.Equal("""[{"path":"https://cdn.example.com/maya.safetensors","scale":1}]""", flux["loras"]!.ToJsonString());
    }

    [Fact]
    public void Fixed_and_rating_inputs_are_added_for_pony_realism()
    {
        var values = new Dictionary<string, string> { [InputNames.Prompt] = "portrait", [InputNames.Size] = "832x1216", [InputNames.Seed] = "42" };
        var endpoint = Catalog.Model("pony-realism").Endpoint("fal", EndpointVariants.Default)!;

        var nsfw = endpoint.BuildInput(values, "nsfw");
        var sfw = endpoint.BuildInput(values, "sfw");

        Assert.Equal(endpoint.FixedInputs["model_name"].GetString(), (string?)nsfw["model_name"]);
        Assert.Equal("""{"width":832,"height":1216}""", nsfw["image_size"]!.ToJsonString());
        Assert.Equal(42, (long?)nsfw["seed"]);
        Assert.False((bool?)nsfw["enable_safety_checker"]);
        Assert.Null(sfw["enable_safety_checker"]);
    }

    [Fact]
    public void Nano_banana_gets_an_aspect_ratio_instead_of_a_size()
    {
        var body = Build("nano-banana-pro", "fal", EndpointVariants.Default,
            new Dictionary<string, string> { [InputNames.Prompt] = "p", [InputNames.Size] = "1024x576" });

        Assert.Equal("""{"resolution":"1K","num_images":1,"prompt":"p","aspect_ratio":"16:9"}""", body);
    }

    [Fact]
    public void Upscale_sends_the_factor_mode_and_factor()
    {
        var body = Build("seedvr-upscale", "fal", EndpointVariants.Default,
            new Dictionary<string, string> { [InputNames.Image] = "https://cdn.example.com/a.png", [InputNames.UpscaleFactor] = "5" });

        Assert.Equal("""{"upscale_mode":"factor","image_url":"https://cdn.example.com/a.png","upscale_factor":5}""", body);
    }

    [Fact]
    public void A_value_that_does_not_fit_its_format_is_refused()
    {
        var endpoint = Catalog.Model("kling-2.6-pro").Endpoint("wavespeed", EndpointVariants.ImageToVideo)!;

        Assert.Throws<FormatException>(() => endpoint.BuildInput(new Dictionary<string, string> { [InputNames.Duration] = "five" }));
    }

    private static string Build(string model, string provider, string variant, IReadOnlyDictionary<string, string> values) =>
        Catalog.Model(model).Endpoint(provider, variant)!.BuildInput(values).ToJsonString();
}
