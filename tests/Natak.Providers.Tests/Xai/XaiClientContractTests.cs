using System.Net;
using System.Text.Json.Nodes;
using Natak.Providers.Tests.Support;
using Natak.Providers.Xai;

namespace Natak.Providers.Tests.Xai;

public class XaiClientContractTests
{
    private static readonly XaiChatRequest Request = new([XaiChatMessage.System("You write video prompts."), XaiChatMessage.User("a woman in Tokyo")]) { Temperature = 0.7, MaxTokens = 400 };

    [Fact]
    public async Task A_completion_posts_the_configured_model_without_streaming_and_returns_content_and_usage()
    {
        var fake = FakeProvider.Always(HttpStatusCode.OK, Fixture.Read("xai/chat.json"));
        using var services = new ProviderServices(xai: fake);

        var completion = await services.Get<XaiClient>().CompleteAsync(Request);

        var request = Assert.Single(fake.Requests);
        Assert.Equal("https://api.x.ai/v1/chat/completions", request.Uri.AbsoluteUri);
        Assert.Equal($"Bearer {ProviderServices.XaiKey}", request.Authorization);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("grok-4.3", body["model"]!.GetValue<string>());
        Assert.False(body["stream"]!.GetValue<bool>());
        Assert.Equal(400, body["max_tokens"]!.GetValue<int>());
        Assert.Equal("system", body["messages"]![0]!["role"]!.GetValue<string>());
        Assert.Equal("a woman in Tokyo", body["messages"]![1]!["content"]!.GetValue<string>());

        Assert.Equal("A woman in a red coat walks through rain-soaked Tokyo at night.", completion.Content);
        Assert.Equal(new XaiUsage(32, 14, 300, 346), completion.Usage);
    }

    [Fact]
    public void Cost_bills_reasoning_at_the_output_price_when_it_is_reported_outside_completion_tokens()
    {
        var usage = new XaiUsage(PromptTokens: 32, CompletionTokens: 14, ReasoningTokens: 300, TotalTokens: 346);

        Assert.Equal(314, usage.BillableOutputTokens);
        Assert.Equal(0.00487m, usage.CostUsd(5m, 15m));
    }

    [Fact]
    public void Cost_does_not_count_reasoning_twice_when_completion_tokens_include_it()
    {
        var usage = new XaiUsage(PromptTokens: 1_000_000, CompletionTokens: 314, ReasoningTokens: 300, TotalTokens: 1_000_314);

        Assert.Equal(314, usage.BillableOutputTokens);
        Assert.Equal(5.00471m, usage.CostUsd(5m, 15m));
    }

    [Fact]
    public async Task A_flat_error_about_the_key_is_unauthorized_even_on_400()
    {
        using var services = new ProviderServices(xai: FakeProvider.Always(HttpStatusCode.BadRequest, Fixture.Read("xai/error-flat.json")));

        var e = await Assert.ThrowsAsync<ProviderException>(() => services.Get<XaiClient>().CompleteAsync(Request));

        Assert.Equal((ProviderKind.Xai, ProviderErrorCodes.Unauthorized, 400), (e.Provider, e.ErrorCode, e.StatusCode!.Value));
        Assert.StartsWith("Incorrect API key provided", e.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_openai_style_error_is_read_from_the_nested_object()
    {
        using var services = new ProviderServices(xai: FakeProvider.Always(HttpStatusCode.NotFound, Fixture.Read("xai/error-openai.json")));

        var e = await Assert.ThrowsAsync<ProviderException>(() => services.Get<XaiClient>().CompleteAsync(Request with { Model = "grok-9" }));

        Assert.Equal(ProviderErrorCodes.NotFound, e.ErrorCode);
        Assert.Equal("The model grok-9 does not exist or your team does not have access to it.", e.Failure.Message);
    }

    [Fact]
    public async Task A_rate_limited_completion_is_not_retried_by_the_client()
    {
        var fake = FakeProvider.Always(HttpStatusCode.TooManyRequests, """{"code":"rate_limited","error":"Too many requests"}""");
        using var services = new ProviderServices(xai: fake);

        var e = await Assert.ThrowsAsync<ProviderException>(() => services.Get<XaiClient>().CompleteAsync(Request));

        Assert.Equal(1, fake.Count);
        Assert.Equal(ProviderErrorCodes.RateLimited, e.ErrorCode);
        Assert.True(e.IsRetryable);
    }
}
