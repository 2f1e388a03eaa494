using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Natak.Providers.Fal;
using Natak.Providers.Tests.Support;
using Natak.Providers.Webhooks;

namespace Natak.Providers.Tests.Fal;

public sealed class FalWebhookVerifierTests : IDisposable
{
    private const string RequestId = "764cabcf-b745-4b3e-ae38-1200304cf45b";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero));
    private readonly FalSigner _fal = new();
    private readonly FalSigner _stranger = new();
    private readonly byte[] _body = Encoding.UTF8.GetBytes(Fixture.Read("fal/webhook-ok.json"));

    public void Dispose()
    {
        _fal.Dispose();
        _stranger.Dispose();
    }

    [Fact]
    public async Task A_webhook_signed_by_a_published_key_is_valid_and_its_payload_parsed()
    {
        var keys = FakeProvider.Always(HttpStatusCode.OK, FalSigner.Jwks(_fal.Jwk()));
        using var services = Services(keys);

        var result = await Verifier(services).VerifyAsync(_fal.Sign(_body, RequestId, _time.GetUtcNow()), _body);

        Assert.True(result.IsValid, result.Detail);
        Assert.Null(result.Reason);
        Assert.Equal(RequestId, result.ProviderRequestId);
        var payload = result.Payload!;
        Assert.Equal((RequestId, "OK", true), (payload.RequestId, payload.Status, payload.Succeeded));
        Assert.Equal("https://v3.fal.media/files/rabbit/abc123.png", payload.Payload!["images"]![0]!["url"]!.GetValue<string>());
        Assert.Equal("https://rest.fal.ai/.well-known/jwks.json", Assert.Single(keys.Requests).Uri.AbsoluteUri);
        Assert.Null(keys.Requests[0].Authorization);
    }

    [Fact]
    public async Task An_error_webhook_is_valid_but_not_a_success()
    {
        var body = Encoding.UTF8.GetBytes(Fixture.Read("fal/webhook-error.json"));
        using var services = Services(FakeProvider.Always(HttpStatusCode.OK, FalSigner.Jwks(_fal.Jwk())));

        var result = await Verifier(services).VerifyAsync(_fal.Sign(body, "123e4567-e89b-12d3-a456-426614174000", _time.GetUtcNow()), body);

        Assert.True(result.IsValid);
        Assert.Equal(("ERROR", "Invalid status code: 422", false), (result.Payload!.Status, result.Payload.Error, result.Payload.Succeeded));
    }

    [Fact]
    public async Task A_tampered_body_is_rejected()
    {
        using var services = Services(FakeProvider.Always(HttpStatusCode.OK, FalSigner.Jwks(_fal.Jwk())));
        var headers = _fal.Sign(_body, RequestId, _time.GetUtcNow());
        var tampered = Encoding.UTF8.GetBytes(Fixture.Read("fal/webhook-ok.json").Replace("\"OK\"", "\"ERROR\"", StringComparison.Ordinal));

        var result = await Verifier(services).VerifyAsync(headers, tampered);

        Assert.Equal(WebhookRejectReason.SignatureMismatch, result.Reason);
        Assert.Null(result.Payload);
        Assert.Equal(RequestId, result.ProviderRequestId);
    }

    [Fact]
    public async Task A_tampered_request_id_header_is_rejected()
    {
        using var services = Services(FakeProvider.Always(HttpStatusCode.OK, FalSigner.Jwks(_fal.Jwk())));
        var headers = _fal.Sign(_body, RequestId, _time.GetUtcNow()) with { RequestId = "someone-else" };

        Assert.Equal(WebhookRejectReason.SignatureMismatch, (await Verifier(services).VerifyAsync(headers, _body)).Reason);
    }

    [Fact]
    public async Task A_signature_from_an_unpublished_key_is_rejected()
    {
        using var services = Services(FakeProvider.Always(HttpStatusCode.OK, FalSigner.Jwks(_fal.Jwk())));

        var result = await Verifier(services).VerifyAsync(_stranger.Sign(_body, RequestId, _time.GetUtcNow()), _body);

        Assert.Equal(WebhookRejectReason.SignatureMismatch, result.Reason);
    }

    [Fact]
    public async Task Any_published_key_may_verify()
    {
        using var services = Services(FakeProvider.Always(HttpStatusCode.OK, FalSigner.Jwks(_stranger.Jwk(), _fal.Jwk())));

        Assert.True((await Verifier(services).VerifyAsync(_fal.Sign(_body, RequestId, _time.GetUtcNow()), _body)).IsValid);
    }

    [Fact]
    public async Task A_padded_base64url_key_is_decoded()
    {
        var jwk = _fal.Jwk(padded: true);
        Assert.Contains("=\"", jwk, StringComparison.Ordinal);
        using var services = Services(FakeProvider.Always(HttpStatusCode.OK, FalSigner.Jwks(jwk)));

        Assert.True((await Verifier(services).VerifyAsync(_fal.Sign(_body, RequestId, _time.GetUtcNow()), _body)).IsValid);
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(301, false)]
    [InlineData(-299, true)]
    [InlineData(299, true)]
    public async Task Timestamps_more_than_300_seconds_from_now_are_rejected(int offsetSeconds, bool valid)
    {
        using var services = Services(FakeProvider.Always(HttpStatusCode.OK, FalSigner.Jwks(_fal.Jwk())));

        var result = await Verifier(services).VerifyAsync(_fal.Sign(_body, RequestId, _time.GetUtcNow().AddSeconds(offsetSeconds)), _body);

        Assert.Equal(valid, result.IsValid);
        Assert.Equal(valid ? null : WebhookRejectReason.TimestampOutOfTolerance, result.Reason);
    }

    [Fact]
    public async Task A_rotated_key_is_picked_up_by_one_forced_refresh()
    {
        var keys = FakeProvider.Sequence(
            (HttpStatusCode.OK, FalSigner.Jwks(_stranger.Jwk())),
            (HttpStatusCode.OK, FalSigner.Jwks(_stranger.Jwk(), _fal.Jwk())));
        using var services = Services(keys);
        var verifier = Verifier(services);
        Assert.True((await verifier.VerifyAsync(_stranger.Sign(_body, RequestId, _time.GetUtcNow()), _body)).IsValid);

        var result = await verifier.VerifyAsync(_fal.Sign(_body, RequestId, _time.GetUtcNow()), _body);

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(2, keys.Count);
    }

    [Fact]
    public async Task Forced_refreshes_are_rate_limited()
    {
        var keys = FakeProvider.Always(HttpStatusCode.OK, FalSigner.Jwks(_fal.Jwk()));
        using var services = Services(keys);
        var verifier = Verifier(services);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(WebhookRejectReason.SignatureMismatch, (await verifier.VerifyAsync(_stranger.Sign(_body, RequestId, _time.GetUtcNow()), _body)).Reason);
        }

        Assert.Equal(2, keys.Count);
        _time.Advance(TimeSpan.FromSeconds(61));
        await verifier.VerifyAsync(_stranger.Sign(_body, RequestId, _time.GetUtcNow()), _body);
        Assert.Equal(3, keys.Count);
    }

    [Fact]
    public async Task Keys_are_cached_for_at_most_the_cache_duration()
    {
        var keys = FakeProvider.Always(HttpStatusCode.OK, FalSigner.Jwks(_fal.Jwk()));
        using var services = Services(keys);
        var verifier = Verifier(services);

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await verifier.VerifyAsync(_fal.Sign(_body, RequestId, _time.GetUtcNow()), _body)).IsValid);
        }

        Assert.Equal(1, keys.Count);
        _time.Advance(TimeSpan.FromHours(24));
        Assert.True((await verifier.VerifyAsync(_fal.Sign(_body, RequestId, _time.GetUtcNow()), _body)).IsValid);
        Assert.Equal(2, keys.Count);
    }

    [Fact]
    public async Task Unreachable_keys_are_reported_so_the_endpoint_can_ask_fal_to_retry()
    {
        using var services = Services(FakeProvider.Always(HttpStatusCode.NotFound, "{}"));

        var result = await Verifier(services).VerifyAsync(_fal.Sign(_body, RequestId, _time.GetUtcNow()), _body);

        Assert.Equal(WebhookRejectReason.SigningMaterialUnavailable, result.Reason);
    }

    [Fact]
    public async Task While_the_keys_are_unreachable_each_delivery_does_not_wait_on_another_fetch()
    {
        var keys = FakeProvider.Always(HttpStatusCode.NotFound, "{}");
        using var services = Services(keys);
        var verifier = Verifier(services);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(WebhookRejectReason.SigningMaterialUnavailable, (await verifier.VerifyAsync(_fal.Sign(_body, RequestId, _time.GetUtcNow()), _body)).Reason);
        }

        Assert.Equal(1, keys.Count);
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(WebhookRejectReason.SigningMaterialUnavailable, (await verifier.VerifyAsync(_fal.Sign(_body, RequestId, _time.GetUtcNow()), _body)).Reason);
        Assert.Equal(2, keys.Count);
    }

    [Fact]
    public async Task Keys_past_the_cache_duration_still_verify_while_fetching_new_ones_fails()
    {
        var keys = FakeProvider.Sequence((HttpStatusCode.OK, FalSigner.Jwks(_fal.Jwk())), (HttpStatusCode.NotFound, "{}"));
        using var services = Services(keys);
        var verifier = Verifier(services);
        Assert.True((await verifier.VerifyAsync(_fal.Sign(_body, RequestId, _time.GetUtcNow()), _body)).IsValid);

        _time.Advance(TimeSpan.FromHours(25));
        var result = await verifier.VerifyAsync(_fal.Sign(_body, RequestId, _time.GetUtcNow()), _body);

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(2, keys.Count);
    }

    [Fact]
    public async Task Missing_headers_and_malformed_signatures_are_rejected_before_any_key_fetch()
    {
        var keys = FakeProvider.Always(HttpStatusCode.OK, FalSigner.Jwks(_fal.Jwk()));
        using var services = Services(keys);
        var verifier = Verifier(services);
        var good = _fal.Sign(_body, RequestId, _time.GetUtcNow());

        Assert.Equal(WebhookRejectReason.MissingHeaders, (await verifier.VerifyAsync(good with { Signature = null }, _body)).Reason);
        Assert.Equal(WebhookRejectReason.MissingHeaders, (await verifier.VerifyAsync(good with { UserId = "" }, _body)).Reason);
        Assert.Equal(WebhookRejectReason.MalformedSignature, (await verifier.VerifyAsync(good with { Signature = "zz" + good.Signature![2..] }, _body)).Reason);
        Assert.Equal(WebhookRejectReason.MalformedSignature, (await verifier.VerifyAsync(good with { Signature = good.Signature[..64] }, _body)).Reason);
        Assert.Equal(WebhookRejectReason.MalformedTimestamp, (await verifier.VerifyAsync(good with { Timestamp = "yesterday" }, _body)).Reason);
        Assert.Equal(0, keys.Count);
    }

    [Fact]
    public async Task A_valid_signature_over_a_body_that_is_not_fals_payload_is_malformed()
    {
        var body = Encoding.UTF8.GetBytes("""{"hello":"world"}""");
        using var services = Services(FakeProvider.Always(HttpStatusCode.OK, FalSigner.Jwks(_fal.Jwk())));

        var result = await Verifier(services).VerifyAsync(_fal.Sign(body, RequestId, _time.GetUtcNow()), body);

        Assert.Equal(WebhookRejectReason.MalformedPayload, result.Reason);
    }

    [Fact]
    public void Headers_are_read_by_their_fal_names()
    {
        var sent = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-fal-webhook-request-id"] = "r", ["x-fal-webhook-user-id"] = "u", ["x-fal-webhook-timestamp"] = "1", ["x-fal-webhook-signature"] = "ab",
        };

        Assert.Equal(new FalWebhookHeaders("r", "u", "1", "ab"), FalWebhookHeaders.From(name => sent.GetValueOrDefault(name)));
    }

    private static FalWebhookVerifier Verifier(ProviderServices services) => services.Get<FalWebhookVerifier>();

    private ProviderServices Services(FakeProvider keys) => new(falKeys: keys, timeProvider: _time);
}
