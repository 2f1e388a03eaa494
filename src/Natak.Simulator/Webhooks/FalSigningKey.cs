using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Natak.Simulator;

/// <summary>
/// The Ed25519 key fal signs webhooks with. The signed message is
/// <c>request_id \n user_id \n timestamp \n lowercase_hex(sha256(body))</c>, the signature travels as hex.
/// </summary>
internal sealed class FalSigningKey : IDisposable
{
    private readonly Key _key;

    public FalSigningKey(SimulatorOptions options)
    {
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None };
        _key = options.FalSigningKeySeed is { } configured
            ? Key.Import(SignatureAlgorithm.Ed25519, ParseSeed(configured) ?? throw new InvalidOperationException("invalid FalSigningKeySeed"), KeyBlobFormat.RawPrivateKey, parameters)
            : Key.Create(SignatureAlgorithm.Ed25519, parameters);
        PublicKey = _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    public byte[] PublicKey { get; }

    /// <summary>The JWKS document served at <c>/fal/rest/.well-known/jwks.json</c>.</summary>
    public string JwksJson =>
        $$"""{"keys":[{"kty":"OKP","crv":"Ed25519","x":"{{Base64Url(PublicKey)}}"}]}""";

    public Dictionary<string, string> SignatureHeaders(string requestId, string userId, long timestamp, ReadOnlySpan<byte> body)
    {
        var stamp = timestamp.ToString(CultureInfo.InvariantCulture);
        var message = Encoding.UTF8.GetBytes($"{requestId}\n{userId}\n{stamp}\n{Convert.ToHexStringLower(SHA256.HashData(body))}");
        var signature = SignatureAlgorithm.Ed25519.Sign(_key, message);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["X-Fal-Webhook-Request-Id"] = requestId,
            ["X-Fal-Webhook-User-Id"] = userId,
            ["X-Fal-Webhook-Timestamp"] = stamp,
            ["X-Fal-Webhook-Signature"] = Convert.ToHexStringLower(signature),
        };
    }

    public void Dispose() => _key.Dispose();

    internal static byte[]? ParseSeed(string text)
    {
        var trimmed = text.Trim();
        try
        {
            var bytes = trimmed.Length == 64 ? Convert.FromHexString(trimmed) : Convert.FromBase64String(trimmed);
            return bytes.Length == 32 ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
