using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natak.Providers.Http;
using Natak.Providers.Json;
using Natak.Providers.Webhooks;
using NSec.Cryptography;

namespace Natak.Providers.Fal;

/// <summary>
/// Verifies fal webhooks: Ed25519 over <c>request_id\nuser_id\ntimestamp\nhex(sha256(body))</c> against any key in
/// fal's JWKS (cached up to <see cref="FalOptions.JwksCacheDuration"/>, refreshed once — rate-limited — when no
/// cached key verifies, which is how a key rotation is picked up), with a ±<see cref="FalOptions.WebhookTolerance"/>
/// replay window. Never throws for a bad webhook; returns a <see cref="WebhookVerification{TPayload}"/>.
/// </summary>
public sealed class FalWebhookVerifier
{
    private readonly FalOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<FalWebhookVerifier> _logger;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly RefreshingCache<PublicKey[]> _keys;

    /// <summary>Creates the verifier (a singleton: it owns the key cache).</summary>
    public FalWebhookVerifier(IHttpClientFactory httpClientFactory, IOptions<FalOptions> options, TimeProvider timeProvider, ILogger<FalWebhookVerifier> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _keys = new RefreshingCache<PublicKey[]>(FetchKeysAsync, _options.JwksCacheDuration, _options.JwksMinRefreshInterval, timeProvider);
    }

    /// <summary>Checks a webhook's signature and timestamp, then parses its body.</summary>
    /// <param name="headers">The signature headers (<see cref="FalWebhookHeaders.From"/>).</param>
    /// <param name="body">The raw body bytes, exactly as received.</param>
    /// <param name="cancellationToken">Cancels a key fetch.</param>
    public async Task<WebhookVerification<FalWebhookPayload>> VerifyAsync(FalWebhookHeaders headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return (await CheckAsync(headers, body, cancellationToken)).Logged(_logger, ProviderKind.Fal);
    }

    private async Task<WebhookVerification<FalWebhookPayload>> CheckAsync(FalWebhookHeaders headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var requestId = headers.RequestId;
        if (string.IsNullOrEmpty(headers.RequestId) || string.IsNullOrEmpty(headers.UserId) || string.IsNullOrEmpty(headers.Timestamp) || string.IsNullOrEmpty(headers.Signature))
        {
            return Rejected(WebhookRejectReason.MissingHeaders, "a X-Fal-Webhook-* header is missing");
        }

        if (WebhookTimestamps.Check(headers.Timestamp, _timeProvider, _options.WebhookTolerance) is { } stale)
        {
            return Rejected(stale.Reason, stale.Detail);
        }

        byte[] signature;
        try
        {
            signature = Convert.FromHexString(headers.Signature.Trim());
        }
        catch (FormatException)
        {
            return Rejected(WebhookRejectReason.MalformedSignature, "the signature is not hex");
        }

        if (signature.Length != SignatureAlgorithm.Ed25519.SignatureSize)
        {
            return Rejected(WebhookRejectReason.MalformedSignature, $"the signature has {signature.Length} bytes, not {SignatureAlgorithm.Ed25519.SignatureSize}");
        }

        var message = Encoding.UTF8.GetBytes($"{headers.RequestId}\n{headers.UserId}\n{headers.Timestamp}\n{Convert.ToHexStringLower(SHA256.HashData(body.Span))}");
        // the cached keys, or (fal may have rotated them) keys fetched again
        switch (await _keys.VerifyAsync(keys => AnyVerifies(keys, message, signature), e => _logger.SigningMaterialUnavailable(ProviderKind.Fal, e), cancellationToken))
        {
            case WebhookRejectReason.SignatureMismatch:
                return Rejected(WebhookRejectReason.SignatureMismatch, "no fal signing key verifies the signature");
            case { } unavailable:
                // Whatever broke the fetch (HTTP error, timeout, bad JWKS), the webhook cannot be judged now: fal will retry it.
                return Rejected(unavailable, "fal's signing keys could not be fetched");
        }

        try
        {
            var wire = JsonSerializer.Deserialize(body.Span, ProvidersJsonContext.Default.FalWebhookWire);
            var id = wire?.RequestId ?? requestId;
            if (wire?.Status is not { Length: > 0 } status || string.IsNullOrEmpty(id))
            {
                return Rejected(WebhookRejectReason.MalformedPayload, "the body has no request_id or status");
            }

            var payload = new FalWebhookPayload(id, status, wire.Payload,
                ProviderHttp.Text(wire.Error), ProviderHttp.Text(wire.PayloadError));
            return WebhookVerification<FalWebhookPayload>.Valid(id, payload);
        }
        catch (JsonException)
        {
            return Rejected(WebhookRejectReason.MalformedPayload, "the body is not fal's webhook JSON");
        }

        WebhookVerification<FalWebhookPayload> Rejected(WebhookRejectReason reason, string detail) =>
            WebhookVerification<FalWebhookPayload>.Rejected(reason, detail, requestId);
    }

    private static bool AnyVerifies(PublicKey[] keys, byte[] message, byte[] signature) =>
        keys.Any(key => SignatureAlgorithm.Ed25519.Verify(key, message, signature));

    private async Task<PublicKey[]> FetchKeysAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _options.JwksUrl);
        request.Options.Set(ProviderHttp.Idempotent, true);
        using var response = await _httpClientFactory.CreateClient(ProviderHttpClients.FalKeys).SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var jwks = await response.Content.ReadFromJsonAsync(ProvidersJsonContext.Default.JsonWebKeySetWire, cancellationToken);
        var keys = (jwks?.Keys ?? [])
            .Where(k => k.Kty == "OKP" && k.Crv == "Ed25519" && k.X is not null)
            .Select(k => DecodeBase64Url(k.X!))
            .Where(bytes => bytes?.Length == SignatureAlgorithm.Ed25519.PublicKeySize)
            .Select(bytes => PublicKey.Import(SignatureAlgorithm.Ed25519, bytes, KeyBlobFormat.RawPublicKey))
            .ToArray();
        if (keys.Length == 0)
        {
            throw new InvalidDataException("fal's JWKS holds no Ed25519 key.");
        }

        _logger.SigningMaterialFetched(ProviderKind.Fal, keys.Length);
        return keys;
    }

    /// <summary>
    /// Decodes base64url tolerantly: padding, standard-alphabet characters and whitespace have all been seen
    /// (<see cref="Base64Url"/> accepts padding and whitespace; the standard alphabet is mapped onto it).
    /// </summary>
    internal static byte[]? DecodeBase64Url(string value)
    {
        try
        {
            return Base64Url.DecodeFromChars(value.Replace('+', '-').Replace('/', '_'));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
