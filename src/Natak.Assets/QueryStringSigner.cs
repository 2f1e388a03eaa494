using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Natak.Assets;

/// <summary>
/// AWS Signature Version 4 in the query string (a presigned GET) at a signing time the caller chooses.
/// AWSSDK.S3 v4 always signs at its own clock-skew-corrected "now" (GetPreSignedURL has no signing-time
/// parameter, the signer overload that takes one is internal to the SDK's request pipeline, and
/// AWSConfigs.ManualClockCorrection would shift every request of the process), so a URL handed out twice would
/// differ by the second it was made. Signing at the start of a time window instead makes re-reads of the same
/// asset return the same URL until the window turns: browsers and CDNs can cache it, and a job's ETag holds.
/// The output equals the SDK's own presigned URL for the same instant (a test compares them).
/// </summary>
internal sealed class QueryStringSigner(Uri endpoint, string bucket, string accessKeyId, string secretAccessKey, string region = "auto")
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string Service = "s3";

    public Uri PresignGet(string key, DateTimeOffset signedAt, TimeSpan lifetime)
    {
        var date = signedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = date[..8];
        var scope = $"{day}/{region}/{Service}/aws4_request";
        var host = endpoint.IsDefaultPort ? endpoint.Host : endpoint.Host + ":" + endpoint.Port.ToString(CultureInfo.InvariantCulture);
        var path = "/" + bucket + "/" + string.Join('/', key.Split('/').Select(Encode));

        var query = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["X-Amz-Algorithm"] = Algorithm,
            ["X-Amz-Credential"] = accessKeyId + "/" + scope,
            ["X-Amz-Date"] = date,
            ["X-Amz-Expires"] = ((long)lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            ["X-Amz-SignedHeaders"] = "host",
        };
        var canonicalQuery = string.Join('&', query.Select(p => Encode(p.Key) + "=" + Encode(p.Value)));
        var canonicalRequest = $"GET\n{path}\n{canonicalQuery}\nhost:{host}\n\nhost\nUNSIGNED-PAYLOAD";
        var stringToSign = $"{Algorithm}\n{date}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

        var signingKey = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), day);
        signingKey = Hmac(signingKey, region);
        signingKey = Hmac(signingKey, Service);
        signingKey = Hmac(signingKey, "aws4_request");
        var signature = Hex(Hmac(signingKey, stringToSign));

        return new Uri($"{endpoint.Scheme}://{host}{path}?{canonicalQuery}&X-Amz-Signature={signature}");
    }

    /// <summary>RFC 3986 percent-encoding of everything but the unreserved characters, as SigV4 requires.</summary>
    private static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
