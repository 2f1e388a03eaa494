using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Natak.Simulator;

/// <summary>Checks the Authorization header and maps a key to an account id without keeping the key.</summary>
internal static class ApiKeys
{
    /// <summary>
    /// The account of the key in <c>Authorization: {scheme} {key}</c>, or null when the header is missing, uses
    /// another scheme, or (with configured keys) carries an unknown key.
    /// </summary>
    public static string? Account(HttpContext http, string scheme, IReadOnlyCollection<string> acceptedKeys)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var prefix = scheme + " ";
        if (!header.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var key = header[prefix.Length..].Trim();
        if (key.Length == 0 || (acceptedKeys.Count > 0 && !acceptedKeys.Contains(key)))
        {
            return null;
        }

        return "sim-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
    }
}
