using System.Net;
using System.Text.Json;

namespace Natak.Simulator.Tests;

public sealed class XaiTests
{
    private static readonly string SystemPrompt =
        "You turn short requests into detailed photographic prompts for an image model. Keep the subject, add lighting, lens and mood. "
        + string.Concat(Enumerable.Repeat("Never mention brands, never add text overlays, never change the subject's identity. ", 10))
        + "The trigger word is ohwx; start the prompt with it.";

    private const string UserMessage = "me hiking at sunrise in the Dolomites with a red jacket, wide shot, happy";

    [Fact]
    public async Task A_completion_writes_a_prompt_from_the_user_message_led_by_the_trigger_word()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var completion = await ChatAsync(client, SystemPrompt, UserMessage);

        var message = completion.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        var content = message.GetProperty("content").GetString()!;
        Assert.StartsWith("ohwx, " + UserMessage, content, StringComparison.Ordinal);
        Assert.Equal("stop", completion.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("grok-4.3", completion.GetProperty("model").GetString());
        Assert.Equal("chat.completion", completion.GetProperty("object").GetString());
    }

    [Fact]
    public async Task Without_a_trigger_word_the_prompt_starts_with_the_subject()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var completion = await ChatAsync(client, "Write an image prompt.", "a bowl of ramen.");

        Assert.StartsWith("a bowl of ramen, ", completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_messages_give_the_same_prompt()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var first = await ChatAsync(client, SystemPrompt, UserMessage);
        var second = await ChatAsync(client, SystemPrompt, UserMessage);
        var other = await ChatAsync(client, SystemPrompt, UserMessage + " and a dog");

        string Content(JsonElement c) => c.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.Equal(Content(first), Content(second));
        Assert.NotEqual(Content(first), Content(other));
    }

    [Fact]
    public async Task Usage_counts_about_a_token_per_four_characters_and_a_typical_prompt_costs_about_three_tenths_of_a_cent()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var completion = await ChatAsync(client, SystemPrompt, UserMessage);

        var usage = completion.GetProperty("usage");
        var content = completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        var promptTokens = usage.GetProperty("prompt_tokens").GetInt32();
        var completionTokens = usage.GetProperty("completion_tokens").GetInt32();
        var reasoningTokens = usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32();
        Assert.Equal((SystemPrompt.Length + 3) / 4 + (UserMessage.Length + 3) / 4, promptTokens);
        Assert.Equal((content.Length + 3) / 4, completionTokens);
        Assert.True(reasoningTokens > 0);
        Assert.Equal(promptTokens + completionTokens + reasoningTokens, usage.GetProperty("total_tokens").GetInt32());

        var cost = promptTokens * 5m / 1_000_000m + (completionTokens + reasoningTokens) * 15m / 1_000_000m;
        Assert.InRange(cost, 0.0015m, 0.0050m);
    }

    [Fact]
    public async Task Max_tokens_cuts_the_answer_with_finish_reason_length()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.ChatAsync(new { model = "grok-4.3", max_tokens = 5, messages = new[] { new { role = "user", content = UserMessage } } });
        var completion = await SimClient.JsonAsync(response);

        Assert.Equal("length", completion.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(5, completion.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Message_content_may_be_a_list_of_text_parts()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.ChatAsync(new
        {
            model = "grok-4.3",
            messages = new object[] { new { role = "user", content = new[] { new { type = "text", text = "a quiet harbour" } } } },
        });

        Assert.StartsWith("a quiet harbour, ", (await SimClient.JsonAsync(response)).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_is_404_with_code_and_error()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.ChatAsync(new { model = "grok-3", messages = new[] { new { role = "user", content = "x" } } });
        var body = await SimClient.JsonAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("grok-3", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, body.GetProperty("code").ValueKind);
    }

    [Fact]
    public async Task Configured_models_replace_the_default()
    {
        await using var sim = await Sim.StartAsync(o => o.XaiModels = ["grok-5"]);
        using var client = new SimClient(sim);

        using var current = await client.ChatAsync(new { model = "grok-5", messages = new[] { new { role = "user", content = "x" } } });
        using var old = await client.ChatAsync(new { model = "grok-4.3", messages = new[] { new { role = "user", content = "x" } } });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (current.StatusCode, old.StatusCode));
    }

    [Theory]
    [InlineData(null, """{"model":"grok-4.3","messages":[{"role":"user","content":"x"}]}""", 401)]
    [InlineData("Key xai-test-key-0001", """{"model":"grok-4.3","messages":[{"role":"user","content":"x"}]}""", 401)]
    [InlineData("Bearer xai-test-key-0001", """{"model":"grok-4.3"}""", 422)]
    [InlineData("Bearer xai-test-key-0001", """{"messages":[{"role":"user","content":"x"}]}""", 422)]
    [InlineData("Bearer xai-test-key-0001", """{"model":"grok-4.3","messages":[]}""", 400)]
    [InlineData("Bearer xai-test-key-0001", """{"model":"grok-4.3","messages":[{"role":"robot","content":"x"}]}""", 400)]
    [InlineData("Bearer xai-test-key-0001", "not json", 400)]
    public async Task Bad_requests_are_refused_with_xais_flat_error_body(string? auth, string body, int status)
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.SendAsync(HttpMethod.Post, sim.Endpoints.XaiBaseUrl + "/v1/chat/completions", body, auth);
        var json = await SimClient.JsonAsync(response);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(JsonValueKind.String, json.GetProperty("code").ValueKind);
        Assert.Equal(JsonValueKind.String, json.GetProperty("error").ValueKind);
    }

    private static async Task<JsonElement> ChatAsync(SimClient client, string system, string user)
    {
        using var response = await client.ChatAsync(new
        {
            model = "grok-4.3",
            temperature = 0.7,
            stream = false,
            messages = new[] { new { role = "system", content = system }, new { role = "user", content = user } },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SimClient.JsonAsync(response);
    }
}
