using System.Text.Json.Nodes;
using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.Images;

/// <summary>Images of a character: its LoRA (a presigned URL of the file in R2) and its trigger word reach the provider.</summary>
[Collection(ImagesCollection.Name)]
public sealed class CharacterImageTests(ImagesHostFixture fixture)
{
    private readonly ImageHarness _harness = new(fixture);

    [Fact]
    public async Task An_idea_for_a_character_tells_Grok_the_model_rating_and_trigger_word_and_sends_the_LoRA_to_the_LoRA_endpoint()
    {
        var (user, api) = await _harness.NewUserAsync(credits: 10);
        using var _ = api;
        var character = await _harness.CreateCharacterAsync(user, "MAYA");

        var jobId = await Jobs.StartAsync(api, "/api/images", new { idea = "hiking at sunrise", characterId = character.CharacterId, rating = "nsfw" });
        var job = await Jobs.WaitForTerminalAsync(api, jobId);

        Assert.Equal("succeeded", (string?)job["status"]);
        var calls = _harness.PaidCalls();
        Assert.Equal(["xai:chat", "fal-ai/z-image/turbo/lora"], calls.Select(c => c.Model));
        var system = (string)calls[0].Input["messages"]![0]!["content"]!;
        Assert.Contains("FLUX z-image-turbo", system, StringComparison.Ordinal);
        Assert.Contains("Adult content is allowed", system, StringComparison.Ordinal);
        Assert.Contains("trigger word MAYA", system, StringComparison.Ordinal);

        var generate = calls[1].Input;
        Assert.StartsWith("MAYA", (string)generate["prompt"]!, StringComparison.Ordinal);
        Assert.Equal((string?)job["result"]!["prompt"], (string?)generate["prompt"]);
        Assert.False((bool)generate["enable_safety_checker"]!);
        await AssertCharacterLoraAsync(generate, character.LoraKey);
    }

    [Fact]
    public async Task A_prompt_for_a_character_is_led_by_the_trigger_word_and_its_outfit_change_uses_the_FLUX_LoRA_inpainter_with_mask_url()
    {
        var (user, api) = await _harness.NewUserAsync(credits: 10);
        using var _ = api;
        var character = await _harness.CreateCharacterAsync(user, "ohwx_leo");

        var jobId = await Jobs.StartAsync(api, "/api/images", new
        {
            prompt = "portrait in a library",
            characterId = character.CharacterId,
            outfit = new { description = "tweed jacket", segment = "jacket" },
        });
        var job = await Jobs.WaitForTerminalAsync(api, jobId);

        Assert.Equal("succeeded", (string?)job["status"]);
        var calls = _harness.PaidCalls();
        Assert.Equal(["fal-ai/z-image/turbo/lora", "fal-ai/sam-3/image", "fal-ai/flux-lora/inpainting"], calls.Select(c => c.Model));
        Assert.Equal("ohwx_leo, portrait in a library", (string?)calls[0].Input["prompt"]);
        Assert.Equal("ohwx_leo, portrait in a library", (string?)job["result"]!["prompt"]);
        Assert.Equal("jacket", (string?)calls[1].Input["prompt"]);

        var inpaint = calls[2].Input;
        Assert.Equal("ohwx_leo, tweed jacket", (string?)inpaint["prompt"]);
        Assert.Contains("segment-1-mask", (string)inpaint["mask_url"]!, StringComparison.Ordinal);
        Assert.Null(inpaint["mask_image_url"]);
        await AssertCharacterLoraAsync(calls[0].Input, character.LoraKey);
        await AssertCharacterLoraAsync(inpaint, character.LoraKey);
        Assert.Equal(2, (long)job["credits"]!["charged"]!);
    }

    /// <summary><c>loras</c> is one entry whose path is a working presigned URL of the character's LoRA object.</summary>
    private static async Task AssertCharacterLoraAsync(JsonObject input, string loraKey)
    {
        var lora = Assert.Single(input["loras"]!.AsArray())!;
        Assert.Equal(1, (double)lora["scale"]!);
        var path = new Uri((string)lora["path"]!);
        Assert.EndsWith("/" + loraKey, path.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Signature=", path.Query, StringComparison.Ordinal);
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync(path);
        Assert.Contains("\"__metadata__\"", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
    }
}
