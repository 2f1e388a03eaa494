using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Natak.Tables.Credits;

/// <summary>
/// The fingerprint of a request stored in its idempotency fence: SHA-256 over length-prefixed fields, so no
/// two different field lists can collide by concatenation.
/// </summary>
internal static class RequestHash
{
    public static string Of(params ReadOnlySpan<string?> fields)
    {
        var text = new StringBuilder();
        foreach (var field in fields)
        {
            var value = field ?? string.Empty;
            text.Append(CultureInfo.InvariantCulture, $"{value.Length}:{value};");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
