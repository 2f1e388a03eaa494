using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Natak.Simulator;

/// <summary>
/// WaveSpeed's webhook signature: HMAC-SHA256 keyed with the UTF-8 secret minus its <c>whsec_</c> prefix over
/// <c>{webhook-id}.{webhook-timestamp}.{raw body}</c>, sent as <c>webhook-signature: v3,&lt;hex&gt;</c>.
/// </summary>
internal static class WaveSpeedSigner
{
    public static Dictionary<string, string> SignatureHeaders(string secret, string webhookId, long timestamp, ReadOnlySpan<byte> body)
    {
        var stamp = timestamp.ToString(CultureInfo.InvariantCulture);
        var key = Encoding.UTF8.GetBytes(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);
        var prefix = Encoding.UTF8.GetBytes($"{webhookId}.{stamp}.");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["webhook-id"] = webhookId,
            ["webhook-timestamp"] = stamp,
            ["webhook-signature"] = "v3," + Convert.ToHexStringLower(HMACSHA256.HashData(key, message)),
        };
    }
}
