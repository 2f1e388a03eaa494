using System.Net;
using Microsoft.Extensions.Options;
using Natak.Providers.Fal;
using Natak.Providers.Tests.Support;
using Natak.Providers.WaveSpeed;
using Natak.Providers.Xai;

namespace Natak.Providers.Tests;

public class OptionsTests
{
    [Fact]
    public void A_start_against_the_real_providers_without_keys_fails_with_messages_naming_the_settings()
    {
        using var services = new ProviderServices(new Dictionary<string, string?>
        {
            ["Providers:Fal:ApiKey"] = "",
            ["Providers:WaveSpeed:ApiKey"] = "",
            ["Providers:Xai:ApiKey"] = "",
        });

        var e = Assert.ThrowsAny<Exception>(services.ValidateOnStart);

        var messages = e is AggregateException a ? string.Join("\n", a.InnerExceptions.Select(i => i.Message)) : e.Message;
        Assert.Contains("Providers:Fal:ApiKey is empty. Set it (or the FAL_KEY environment variable)", messages, StringComparison.Ordinal);
        Assert.Contains("WAVESPEED_KEY", messages, StringComparison.Ordinal);
        Assert.Contains("GROK_API_KEY", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_may_be_empty_against_a_loopback_simulator_and_a_placeholder_is_sent()
    {
        var fake = FakeProvider.Always(HttpStatusCode.OK, Fixture.Read("xai/chat.json"));
        using var services = new ProviderServices(
            new Dictionary<string, string?>
            {
                ["Providers:Fal:ApiKey"] = "",
                ["Providers:Fal:QueueBaseUrl"] = "http://127.0.0.1:7080/fal/queue",
                ["Providers:WaveSpeed:ApiKey"] = "",
                ["Providers:WaveSpeed:BaseUrl"] = "http://localhost:7080/wavespeed",
                ["Providers:Xai:ApiKey"] = "",
                ["Providers:Xai:BaseUrl"] = "http://127.0.0.1:7080/xai",
            },
            xai: fake);

        services.ValidateOnStart();
        await services.Get<XaiClient>().CompleteAsync(new([XaiChatMessage.User("hi")]));

        Assert.Equal($"Bearer {ProviderOptions.LocalPlaceholderKey}", fake.Requests[0].Authorization);
        Assert.Equal("http://127.0.0.1:7080/xai/v1/chat/completions", fake.Requests[0].Uri.AbsoluteUri);
    }

    [Fact]
    public void The_provider_environment_variables_fill_empty_api_keys()
    {
        using var services = new ProviderServices(new Dictionary<string, string?>
        {
            ["Providers:Fal:ApiKey"] = "",
            ["Providers:WaveSpeed:ApiKey"] = null,
            ["Providers:Xai:ApiKey"] = "",
            ["FAL_KEY"] = "from-fal-env",
            ["WAVESPEED_KEY"] = "from-wavespeed-env",
            ["GROK_API_KEY"] = "from-grok-env",
            ["WAVESPEED_WEBHOOK_SECRET"] = "whsec_from-env",
        });

        services.ValidateOnStart();
        Assert.Equal("from-fal-env", services.Get<IOptions<FalOptions>>().Value.ApiKey);
        Assert.Equal("from-wavespeed-env", services.Get<IOptions<WaveSpeedOptions>>().Value.ApiKey);
        Assert.Equal("whsec_from-env", services.Get<IOptions<WaveSpeedOptions>>().Value.WebhookSecret);
        Assert.Equal("from-grok-env", services.Get<IOptions<XaiOptions>>().Value.ApiKey);
    }

    [Fact]
    public void A_key_in_the_section_wins_over_the_environment_variable()
    {
        using var services = new ProviderServices(new Dictionary<string, string?> { ["Providers:Fal:ApiKey"] = "from-section", ["FAL_KEY"] = "from-env" });

        Assert.Equal("from-section", services.Get<IOptions<FalOptions>>().Value.ApiKey);
    }

    [Fact]
    public void Defaults_point_at_the_real_providers()
    {
        using var services = new ProviderServices();

        services.ValidateOnStart();
        var fal = services.Get<IOptions<FalOptions>>().Value;
        Assert.Equal("https://queue.fal.run/", fal.QueueBaseUrl.AbsoluteUri);
        Assert.Equal("https://rest.fal.ai/.well-known/jwks.json", fal.JwksUrl.AbsoluteUri);
        Assert.Equal("https://api.wavespeed.ai/", services.Get<IOptions<WaveSpeedOptions>>().Value.BaseUrl.AbsoluteUri);
        Assert.Equal(("https://api.x.ai/", "grok-4.3"), (services.Get<IOptions<XaiOptions>>().Value.BaseUrl.AbsoluteUri, services.Get<IOptions<XaiOptions>>().Value.Model));
    }

    [Theory]
    [InlineData("Providers:Fal:Resilience:TotalTimeout", "00:00:01", "must not be shorter than AttemptTimeout")]
    [InlineData("Providers:WaveSpeed:Resilience:CircuitBreakerFailureRatio", "1.5", "CircuitBreakerFailureRatio must be in (0, 1]")]
    [InlineData("Providers:Fal:JwksCacheDuration", "2.00:00:00", "Providers:Fal:JwksCacheDuration must be between")]
    [InlineData("Providers:Xai:Model", " ", "Providers:Xai:Model must name a chat model")]
    [InlineData("Providers:Fal:QueueBaseUrl", "ftp://queue.fal.run", "Providers:Fal:QueueBaseUrl must be an absolute http(s) URL")]
    public void Invalid_settings_fail_at_start_up_with_a_clear_message(string key, string value, string message)
    {
        using var services = new ProviderServices(new Dictionary<string, string?> { [key] = value });

        var e = Assert.ThrowsAny<Exception>(services.ValidateOnStart);

        var all = e is AggregateException a ? string.Join("\n", a.InnerExceptions.Select(i => i.Message)) : e.Message;
        Assert.Contains(message, all, StringComparison.Ordinal);
    }
}
