using System.Net;
using System.Text.Json.Nodes;
using Natak.Providers.Tests.Support;
using Natak.Providers.WaveSpeed;

namespace Natak.Providers.Tests.WaveSpeed;

public class WaveSpeedClientContractTests
{
    private const string Id = "0b5b6f1f3c1e4a5c9d5b1f2a3c4d5e6f";
    private const string Model = "alibaba/wan-2.6/image-to-video";

    [Fact]
    public async Task Submit_posts_to_api_v3_model_with_a_bearer_key_and_unwraps_the_envelope()
    {
        var fake = FakeProvider.Always(HttpStatusCode.OK, Fixture.Read("wavespeed/submit.json"));
        using var services = new ProviderServices(waveSpeed: fake);

        var prediction = await services.Get<WaveSpeedClient>().SubmitAsync(
            Model, new JsonObject { ["image"] = "https://r2.example/in.png", ["duration"] = 5 }, new Uri("https://natak.example/webhooks/wavespeed"));

        var request = Assert.Single(fake.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"https://api.wavespeed.ai/api/v3/{Model}?webhook=https%3A%2F%2Fnatak.example%2Fwebhooks%2Fwavespeed", request.Uri.AbsoluteUri);
        Assert.Equal($"Bearer {ProviderServices.WaveSpeedKey}", request.Authorization);
        Assert.Equal(5, JsonNode.Parse(request.Body)!["duration"]!.GetValue<int>());
        Assert.Equal(Id, prediction.Id);
        Assert.Equal(Model, prediction.Model);
        Assert.Equal(WaveSpeedPredictionStatus.Created, prediction.Status);
        Assert.False(prediction.IsTerminal);
        Assert.Equal($"https://api.wavespeed.ai/api/v3/predictions/{Id}/result", prediction.ResultUrl!.AbsoluteUri);
    }

    [Fact]
    public async Task Result_polls_the_returned_get_url_and_reads_outputs()
    {
        var fake = FakeProvider.Always(HttpStatusCode.OK, Fixture.Read("wavespeed/result-completed.json"));
        using var services = new ProviderServices(waveSpeed: fake);

        var prediction = await services.Get<WaveSpeedClient>().GetResultAsync(Id, new Uri($"https://api.wavespeed.ai/api/v3/predictions/{Id}/result"));

        Assert.Equal(HttpMethod.Get, Assert.Single(fake.Requests).Method);
        Assert.True(prediction.Succeeded);
        Assert.Null(prediction.Failure);
        Assert.Equal("https://d1q70pf5vjeyhc.cloudfront.net/predictions/0b5b6f1f/1.mp4", Assert.Single(prediction.Outputs).AbsoluteUri);
    }

    [Fact]
    public async Task Result_falls_back_to_the_predictions_path_without_a_trusted_get_url()
    {
        var fake = FakeProvider.Always(HttpStatusCode.OK, Fixture.Read("wavespeed/result-completed.json"));
        using var services = new ProviderServices(waveSpeed: fake);

        await services.Get<WaveSpeedClient>().GetResultAsync(Id, new Uri("https://elsewhere.example/steal"));

        Assert.Equal($"https://api.wavespeed.ai/api/v3/predictions/{Id}/result", Assert.Single(fake.Requests).Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("failed", WaveSpeedPredictionStatus.Failed, ProviderErrorCodes.ProviderFailed)]
    [InlineData("cancelled", WaveSpeedPredictionStatus.Cancelled, ProviderErrorCodes.Cancelled)]
    [InlineData("timeout", WaveSpeedPredictionStatus.TimedOut, ProviderErrorCodes.Timeout)]
    [InlineData("exploded", WaveSpeedPredictionStatus.Failed, ProviderErrorCodes.ProviderFailed)]
    public async Task Failed_cancelled_and_timed_out_tasks_are_terminal_failures(string wireStatus, WaveSpeedPredictionStatus status, string code)
    {
        var body = Fixture.Read("wavespeed/result-failed.json").Replace("\"failed\"", $"\"{wireStatus}\"", StringComparison.Ordinal);
        using var services = new ProviderServices(waveSpeed: FakeProvider.Always(HttpStatusCode.OK, body));

        var prediction = await services.Get<WaveSpeedClient>().GetResultAsync(Id);

        Assert.Equal(status, prediction.Status);
        Assert.True(prediction.IsTerminal);
        Assert.False(prediction.Succeeded);
        Assert.Equal(code, prediction.Failure!.Code);
        Assert.Equal("The input image could not be decoded", prediction.Failure.Message);
        Assert.Equal(Id, prediction.Failure.ProviderRequestId);
    }

    [Fact]
    public async Task An_error_envelope_maps_to_a_provider_exception()
    {
        using var services = new ProviderServices(waveSpeed: FakeProvider.Always(HttpStatusCode.Unauthorized, Fixture.Read("wavespeed/error-401.json")));

        var e = await Assert.ThrowsAsync<ProviderException>(() => services.Get<WaveSpeedClient>().SubmitAsync(Model, []));

        Assert.Equal((ProviderKind.WaveSpeed, ProviderErrorCodes.Unauthorized, 401), (e.Provider, e.ErrorCode, e.StatusCode!.Value));
        Assert.Equal("Invalid API key", e.Failure.Message);
        Assert.False(e.IsRetryable);
    }

    [Fact]
    public async Task A_non_200_code_inside_an_http_200_envelope_is_an_error()
    {
        using var services = new ProviderServices(waveSpeed: FakeProvider.Always(HttpStatusCode.OK, """{"code":400,"message":"duration must be 5 or 10","data":null}"""));

        var e = await Assert.ThrowsAsync<ProviderException>(() => services.Get<WaveSpeedClient>().SubmitAsync(Model, []));

        Assert.Equal((ProviderErrorCodes.InputInvalid, 400), (e.ErrorCode, e.StatusCode!.Value));
        Assert.Equal("duration must be 5 or 10", e.Failure.Message);
    }

    [Fact]
    public async Task Result_gets_are_retried_on_429_and_5xx()
    {
        var fake = FakeProvider.Sequence(
            (HttpStatusCode.TooManyRequests, """{"code":429,"message":"slow down","data":null}"""),
            (HttpStatusCode.InternalServerError, """{"code":500,"message":"oops","data":null}"""),
            (HttpStatusCode.OK, Fixture.Read("wavespeed/result-completed.json")));
        using var services = new ProviderServices(waveSpeed: fake);

        var prediction = await services.Get<WaveSpeedClient>().GetResultAsync(Id);

        Assert.True(prediction.Succeeded);
        Assert.Equal(3, fake.Count);
    }

    [Fact]
    public async Task An_unreadable_prediction_is_an_invalid_response()
    {
        using var services = new ProviderServices(waveSpeed: FakeProvider.Always(HttpStatusCode.OK, """{"code":200,"message":"success","data":{"status":"completed"}}"""));

        var e = await Assert.ThrowsAsync<ProviderException>(() => services.Get<WaveSpeedClient>().GetResultAsync(Id));

        Assert.Equal(ProviderErrorCodes.InvalidResponse, e.ErrorCode);
    }

    [Fact]
    public async Task The_webhook_secret_is_read_from_its_envelope()
    {
        var fake = FakeProvider.Always(HttpStatusCode.OK, """{"code":200,"message":"success","data":{"secret":"whsec_abc"}}""");
        using var services = new ProviderServices(waveSpeed: fake);

        Assert.Equal("whsec_abc", await services.Get<WaveSpeedClient>().GetWebhookSecretAsync());
        Assert.Equal("https://api.wavespeed.ai/api/v3/webhook/secret", Assert.Single(fake.Requests).Uri.AbsoluteUri);
    }
}
