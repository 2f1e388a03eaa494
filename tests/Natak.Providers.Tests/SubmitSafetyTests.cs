using System.Net;
using System.Text.Json.Nodes;
using Natak.Providers.Fal;
using Natak.Providers.Tests.Support;
using Natak.Providers.WaveSpeed;
using Natak.Providers.Xai;
using Natak.Testing;

namespace Natak.Providers.Tests;

/// <summary>A billable POST is sent once: a failure after it may have reached the provider is ambiguous, never retried.</summary>
public class SubmitSafetyTests
{
    private static readonly XaiChatRequest Chat = new([XaiChatMessage.User("describe a scene")]);

    public static TheoryData<string> Providers => new() { "fal", "wavespeed", "xai" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_network_error_after_sending_is_an_ambiguous_submit_sent_exactly_once(string provider)
    {
        var fake = new FakeProvider(HttpResponseMessage (_, _) => throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
        using var services = Services(provider, fake);

        var e = await Assert.ThrowsAsync<ProviderException>(() => SubmitAsync(services, provider));

        Assert.Equal(1, fake.Count);
        Assert.Equal(ProviderErrorCodes.AmbiguousSubmit, e.ErrorCode);
        Assert.False(e.IsRetryable);
        Assert.True(e.MayHaveReachedProvider);
        Assert.True(e.MayBeBilled);
        Assert.Null(e.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_timeout_after_sending_is_an_ambiguous_submit_sent_exactly_once(string provider)
    {
        var fake = new FakeProvider(async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            return FakeProvider.Json(HttpStatusCode.OK, "{}");
        });
        using var services = Services(provider, fake, new() { [$"Providers:{Section(provider)}:Resilience:AttemptTimeout"] = "00:00:00.200" });

        var e = await Assert.ThrowsAsync<ProviderException>(() => SubmitAsync(services, provider));

        Assert.Equal(1, fake.Count);
        Assert.Equal(ProviderErrorCodes.AmbiguousSubmit, e.ErrorCode);
        Assert.True(e.MayHaveReachedProvider);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, ProviderErrorCodes.RateLimited)]
    [InlineData(HttpStatusCode.ServiceUnavailable, ProviderErrorCodes.ProviderUnavailable)]
    public async Task A_refusal_answer_to_a_submit_is_retryable_by_the_caller_but_not_looped_by_the_client(HttpStatusCode status, string code)
    {
        var fal = FakeProvider.Always(status, Fixture.Read("fal/error-503-infra.json"));
        using var services = Services("fal", fal);

        var e = await Assert.ThrowsAsync<ProviderException>(() => SubmitAsync(services, "fal"));

        Assert.Equal(1, fal.Count);
        Assert.Equal(code, e.ErrorCode);
        Assert.True(e.IsRetryable);
        Assert.False(e.MayHaveReachedProvider);
        Assert.False(e.MayBeBilled);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task A_gateway_error_answer_to_a_submit_is_ambiguous(HttpStatusCode status)
    {
        var fake = FakeProvider.Always(status, """{"code":500,"message":"upstream","data":null}""");
        using var services = Services("wavespeed", fake);

        var e = await Assert.ThrowsAsync<ProviderException>(() => SubmitAsync(services, "wavespeed"));

        Assert.Equal(1, fake.Count);
        Assert.Equal(ProviderErrorCodes.AmbiguousSubmit, e.ErrorCode);
        Assert.Equal((int)status, e.StatusCode);
    }

    [Fact]
    public async Task A_connection_dropped_by_a_real_server_after_the_request_is_ambiguous_and_sent_once()
    {
        await using var server = new DroppingServer();
        using var services = new ProviderServices(new Dictionary<string, string?>
        {
            ["Providers:Fal:ApiKey"] = "",
            ["Providers:Fal:QueueBaseUrl"] = server.BaseUrl.AbsoluteUri,
        });

        var e = await Assert.ThrowsAsync<ProviderException>(() => SubmitAsync(services, "fal"));

        Assert.Equal(ProviderErrorCodes.AmbiguousSubmit, e.ErrorCode);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task A_refused_connection_never_reached_the_provider_so_it_is_retryable()
    {
        using var services = new ProviderServices(new Dictionary<string, string?>
        {
            ["Providers:WaveSpeed:ApiKey"] = "",
            ["Providers:WaveSpeed:BaseUrl"] = $"http://127.0.0.1:{FreePort.Next()}",
        });

        var e = await Assert.ThrowsAsync<ProviderException>(() => SubmitAsync(services, "wavespeed"));

        Assert.Equal(ProviderErrorCodes.ProviderUnavailable, e.ErrorCode);
        Assert.True(e.IsRetryable);
        Assert.False(e.MayHaveReachedProvider);
    }

    private static Task SubmitAsync(ProviderServices services, string provider) => provider switch
    {
        "fal" => services.Get<FalClient>().SubmitAsync("fal-ai/z-image/turbo", new JsonObject { ["prompt"] = "x" }),
        "wavespeed" => services.Get<WaveSpeedClient>().SubmitAsync("alibaba/wan-2.6/image-to-video", new JsonObject { ["prompt"] = "x" }),
        _ => services.Get<XaiClient>().CompleteAsync(Chat),
    };

    private static string Section(string provider) => provider switch
    {
        "fal" => "Fal",
        "wavespeed" => "WaveSpeed",
        _ => "Xai",
    };

    private static ProviderServices Services(string provider, FakeProvider fake, Dictionary<string, string?>? settings = null) => provider switch
    {
        "fal" => new ProviderServices(settings, fal: fake),
        "wavespeed" => new ProviderServices(settings, waveSpeed: fake),
        _ => new ProviderServices(settings, xai: fake),
    };
}
