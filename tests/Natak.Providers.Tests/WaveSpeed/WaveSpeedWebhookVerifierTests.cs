using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Natak.Providers.Tests.Support;
using Natak.Providers.WaveSpeed;
using Natak.Providers.Webhooks;

namespace Natak.Providers.Tests.WaveSpeed;

public class WaveSpeedWebhookVerifierTests
{
    private const string Secret = "whsec_natak-test-secret";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero));
    private readonly byte[] _body = Encoding.UTF8.GetBytes(Fixture.Read("wavespeed/webhook-completed.json"));

    [Fact]
    public async Task A_webhook_signed_with_the_secret_is_valid_and_parsed_as_a_prediction()
    {
        using var services = Services();

        var result = await services.Get<WaveSpeedWebhookVerifier>().VerifyAsync(Sign(_body, Secret, _time.GetUtcNow()), _body);

        Assert.True(result.IsValid, result.Detail);
        var prediction = result.Payload!;
        Assert.Equal(("0b5b6f1f3c1e4a5c9d5b1f2a3c4d5e6f", WaveSpeedPredictionStatus.Completed), (prediction.Id, prediction.Status));
        Assert.Equal("https://d1q70pf5vjeyhc.cloudfront.net/predictions/0b5b6f1f/1.mp4", Assert.Single(prediction.Outputs).AbsoluteUri);
        Assert.Equal(prediction.Id, result.ProviderRequestId);
    }

    [Fact]
    public async Task A_tampered_body_is_rejected()
    {
        using var services = Services();
        var headers = Sign(_body, Secret, _time.GetUtcNow());
        var tampered = Encoding.UTF8.GetBytes(Fixture.Read("wavespeed/webhook-completed.json").Replace("completed", "failed", StringComparison.Ordinal));

        Assert.Equal(WebhookRejectReason.SignatureMismatch, (await services.Get<WaveSpeedWebhookVerifier>().VerifyAsync(headers, tampered)).Reason);
    }

    [Fact]
    public async Task A_signature_made_with_another_secret_is_rejected()
    {
        using var services = Services();

        var result = await services.Get<WaveSpeedWebhookVerifier>().VerifyAsync(Sign(_body, "whsec_someone-else", _time.GetUtcNow()), _body);

        Assert.Equal(WebhookRejectReason.SignatureMismatch, result.Reason);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task Timestamps_more_than_300_seconds_from_now_are_rejected(int offsetSeconds)
    {
        using var services = Services();

        var result = await services.Get<WaveSpeedWebhookVerifier>().VerifyAsync(Sign(_body, Secret, _time.GetUtcNow().AddSeconds(offsetSeconds)), _body);

        Assert.Equal(WebhookRejectReason.TimestampOutOfTolerance, result.Reason);
    }

    [Fact]
    public async Task One_valid_signature_among_several_is_enough()
    {
        using var services = Services();
        var good = Sign(_body, Secret, _time.GetUtcNow());

        var result = await services.Get<WaveSpeedWebhookVerifier>().VerifyAsync(good with { Signature = $"v3,{new string('0', 64)} {good.Signature}" }, _body);

        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("v1,abcdef")]
    [InlineData("v3,not-hex")]
    [InlineData("abcdef")]
    public async Task A_signature_header_without_a_v3_hex_entry_is_malformed(string signature)
    {
        using var services = Services();
        var headers = Sign(_body, Secret, _time.GetUtcNow()) with { Signature = signature };

        Assert.Equal(WebhookRejectReason.MalformedSignature, (await services.Get<WaveSpeedWebhookVerifier>().VerifyAsync(headers, _body)).Reason);
    }

    [Fact]
    public async Task Without_a_configured_secret_it_is_fetched_once_from_wavespeed()
    {
        var api = FakeProvider.Always(HttpStatusCode.OK, $$$"""{"code":200,"message":"success","data":{"secret":"{{{Secret}}}"}}""");
        using var services = new ProviderServices(waveSpeed: api, timeProvider: _time);
        var verifier = services.Get<WaveSpeedWebhookVerifier>();

        Assert.True((await verifier.VerifyAsync(Sign(_body, Secret, _time.GetUtcNow()), _body)).IsValid);
        Assert.True((await verifier.VerifyAsync(Sign(_body, Secret, _time.GetUtcNow()), _body)).IsValid);

        Assert.Equal("https://api.wavespeed.ai/api/v3/webhook/secret", Assert.Single(api.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task A_secret_that_cannot_be_fetched_is_reported_so_the_endpoint_can_ask_for_a_retry()
    {
        using var services = new ProviderServices(waveSpeed: FakeProvider.Always(HttpStatusCode.Unauthorized, """{"code":401,"message":"Invalid API key","data":null}"""), timeProvider: _time);

        var result = await services.Get<WaveSpeedWebhookVerifier>().VerifyAsync(Sign(_body, Secret, _time.GetUtcNow()), _body);

        Assert.Equal(WebhookRejectReason.SigningMaterialUnavailable, result.Reason);
    }

    [Fact]
    public void Headers_are_read_by_their_wavespeed_names()
    {
        var sent = new Dictionary<string, string> { ["webhook-id"] = "i", ["webhook-timestamp"] = "1", ["webhook-signature"] = "v3,ab" };

        Assert.Equal(new WaveSpeedWebhookHeaders("i", "1", "v3,ab"), WaveSpeedWebhookHeaders.From(name => sent.GetValueOrDefault(name)));
    }

    /// <summary>WaveSpeed's scheme, written out independently of the verifier: HMAC-SHA256(secret sans whsec_, "id.ts.body").</summary>
    private static WaveSpeedWebhookHeaders Sign(byte[] body, string secret, DateTimeOffset at)
    {
        var id = "msg_2Lq9" + at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var key = Encoding.UTF8.GetBytes(secret["whsec_".Length..]);
        var signature = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray());
        return new WaveSpeedWebhookHeaders(id, timestamp, "v3," + Convert.ToHexStringLower(signature));
    }

    private ProviderServices Services() =>
        new(new Dictionary<string, string?> { ["Providers:WaveSpeed:WebhookSecret"] = Secret }, timeProvider: _time);
}
