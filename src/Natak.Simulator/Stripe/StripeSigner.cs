using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Natak.Simulator;

/// <summary>
/// Stripe's webhook signature: <c>Stripe-Signature: t={unix seconds},v1={hex HMAC-SHA256}</c>, keyed with the
/// endpoint secret's UTF-8 bytes (the <c>whsec_</c> prefix included) over <c>{t}.{raw body}</c>.
/// </summary>
public static class StripeSigner
{
    public const string HeaderName = "Stripe-Signature";

    public static string Signature(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var stamp = timestamp.ToString(CultureInfo.InvariantCulture);
        var prefix = Encoding.UTF8.GetBytes(stamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return $"t={stamp},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message))}";
    }
}
