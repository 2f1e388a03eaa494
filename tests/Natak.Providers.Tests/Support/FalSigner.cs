using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Natak.Providers.Fal;
using NSec.Cryptography;

namespace Natak.Providers.Tests.Support;

/// <summary>Signs webhooks the way fal does, with a fresh Ed25519 key, and publishes the key as a JWK.</summary>
public sealed class FalSigner : IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    /// <summary>The public key as a JWK; <paramref name="padded"/> keeps base64 '=' padding as fal has been seen to.</summary>
    public string Jwk(bool padded = false)
    {
        var x = Convert.ToBase64String(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey)).Replace('+', '-').Replace('/', '_');
        return $$"""{"kty":"OKP","crv":"Ed25519","x":"{{(padded ? x : x.TrimEnd('='))}}","kid":"k{{x[..6]}}"}""";
    }

    public static string Jwks(params string[] jwks) => $$"""{"keys":[{{string.Join(',', jwks)}}]}""";

    public FalWebhookHeaders Sign(byte[] body, string requestId, DateTimeOffset at, string userId = "user-42")
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var message = Encoding.UTF8.GetBytes($"{requestId}\n{userId}\n{timestamp}\n{Convert.ToHexStringLower(SHA256.HashData(body))}");
        return new FalWebhookHeaders(requestId, userId, timestamp, Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, message)));
    }

    public void Dispose() => _key.Dispose();
}
