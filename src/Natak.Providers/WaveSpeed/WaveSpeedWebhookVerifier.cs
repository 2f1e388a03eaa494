using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natak.Providers.Webhooks;

namespace Natak.Providers.WaveSpeed;

/// <summary>
/// Verifies WaveSpeed webhooks: HMAC-SHA256 keyed with the secret minus its <c>whsec_</c> prefix over
/// <c>{webhook-id}.{webhook-timestamp}.{raw body}</c>, compared in constant time, with a
/// ±<see cref="WaveSpeedOptions.WebhookTolerance"/> replay window. The secret is
/// <see cref="WaveSpeedOptions.WebhookSecret"/>, or fetched from WaveSpeed and cached (re-fetched once,
/// rate-limited, when it does not verify). Never throws for a bad webhook.
/// </summary>
public sealed class WaveSpeedWebhookVerifier
{
    private const string SecretPrefix = "whsec_";
    private const string SignatureVersion = "v3,";

    private readonly WaveSpeedOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<WaveSpeedWebhookVerifier> _logger;
    private readonly RefreshingCache<byte[]> _key;

    /// <summary>Creates the verifier (a singleton: it owns the secret cache).</summary>
    public WaveSpeedWebhookVerifier(IHttpClientFactory httpClientFactory, IOptions<WaveSpeedOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<WaveSpeedWebhookVerifier>();
        _key = new RefreshingCache<byte[]>(
            async cancellationToken =>
            {
                var client = new WaveSpeedClient(httpClientFactory.CreateClient(ProviderHttpClients.WaveSpeed), options, loggerFactory.CreateLogger<WaveSpeedClient>());
                var key = KeyFrom(await client.GetWebhookSecretAsync(cancellationToken));
                _logger.SigningMaterialFetched(ProviderKind.WaveSpeed, 1);
                return key;
            },
            TimeSpan.FromHours(24),
            TimeSpan.FromMinutes(1),
            timeProvider);
    }

    /// <summary>Checks a webhook's signature and timestamp, then parses its body (the unwrapped prediction).</summary>
    /// <param name="headers">The signature headers (<see cref="WaveSpeedWebhookHeaders.From"/>).</param>
    /// <param name="body">The raw body bytes, exactly as received.</param>
    /// <param name="cancellationToken">Cancels a secret fetch.</param>
    public async Task<WebhookVerification<WaveSpeedPrediction>> VerifyAsync(WaveSpeedWebhookHeaders headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return (await CheckAsync(headers, body, cancellationToken)).Logged(_logger, ProviderKind.WaveSpeed);
    }

    private async Task<WebhookVerification<WaveSpeedPrediction>> CheckAsync(WaveSpeedWebhookHeaders headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(headers.Id) || string.IsNullOrEmpty(headers.Timestamp) || string.IsNullOrEmpty(headers.Signature))
        {
            return Rejected(WebhookRejectReason.MissingHeaders, "a webhook-* header is missing");
        }

        if (WebhookTimestamps.Check(headers.Timestamp, _timeProvider, _options.WebhookTolerance) is { } stale)
        {
            return Rejected(stale.Reason, stale.Detail);
        }

        var candidates = new List<byte[]>();
        foreach (var part in headers.Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith(SignatureVersion, StringComparison.Ordinal))
            {
                try
                {
                    candidates.Add(Convert.FromHexString(part[SignatureVersion.Length..]));
                }
                catch (FormatException)
                {
                    // Another entry may still be well-formed.
                }
            }
        }

        if (candidates.Count == 0)
        {
            return Rejected(WebhookRejectReason.MalformedSignature, "no v3,<hex> signature in the header");
        }

        var signed = new byte[Encoding.UTF8.GetByteCount(headers.Id) + Encoding.UTF8.GetByteCount(headers.Timestamp) + 2 + body.Length];
        var written = Encoding.UTF8.GetBytes($"{headers.Id}.{headers.Timestamp}.", signed);
        body.Span.CopyTo(signed.AsSpan(written));

        if (_options.WebhookSecret.Length > 0)
        {
            if (!Matches(KeyFrom(_options.WebhookSecret), signed, candidates))
            {
                return Rejected(WebhookRejectReason.SignatureMismatch, "the signature does not match the configured secret");
            }
        }
        else
        {
            switch (await _key.VerifyAsync(key => Matches(key, signed, candidates), e => _logger.SigningMaterialUnavailable(ProviderKind.WaveSpeed, e), cancellationToken))
            {
                case WebhookRejectReason.SignatureMismatch:
                    return Rejected(WebhookRejectReason.SignatureMismatch, "the signature does not match WaveSpeed's secret");
                case { } unavailable:
                    return Rejected(unavailable, "WaveSpeed's webhook secret could not be fetched");
            }
        }

        try
        {
            var prediction = WaveSpeedPredictions.Read(WaveSpeedPredictions.Unwrap(JsonNode.Parse(body.Span)), _options.BaseUrl, "");
            return WebhookVerification<WaveSpeedPrediction>.Valid(prediction.Id, prediction);
        }
        catch (JsonException e)
        {
            return Rejected(WebhookRejectReason.MalformedPayload, $"the body is not a WaveSpeed prediction ({e.Message})");
        }

        WebhookVerification<WaveSpeedPrediction> Rejected(WebhookRejectReason reason, string detail) =>
            WebhookVerification<WaveSpeedPrediction>.Rejected(reason, detail, headers.Id);
    }

    private static bool Matches(byte[] key, byte[] signed, List<byte[]> candidates)
    {
        var expected = HMACSHA256.HashData(key, signed);
        return candidates.Any(candidate => CryptographicOperations.FixedTimeEquals(expected, candidate));
    }

    private static byte[] KeyFrom(string secret) =>
        Encoding.UTF8.GetBytes(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
}
