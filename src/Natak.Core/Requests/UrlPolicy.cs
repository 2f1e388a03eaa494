using System.Globalization;

namespace Natak.Core.Requests;

/// <summary>
/// Which URLs a request may carry: absolute <c>https</c>, or plain <c>http</c> for hosts on a development allow-list
/// (the simulator, s3rver). This is the syntactic check only; the network-level SSRF check (no loopback, private,
/// link-local or metadata addresses) happens when Natak downloads.
/// </summary>
public sealed class UrlPolicy
{
    public UrlPolicy(IEnumerable<string> httpAllowedHosts)
    {
        ArgumentNullException.ThrowIfNull(httpAllowedHosts);
        HttpAllowedHosts = new HashSet<string>(httpAllowedHosts, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>https only: the production policy.</summary>
    public static UrlPolicy HttpsOnly { get; } = new([]);

    public IReadOnlySet<string> HttpAllowedHosts { get; }

    /// <summary>The problem with <paramref name="url"/>, or <c>null</c> when it is acceptable.</summary>
    public string? Problem(string url, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Length > maxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"must be at most {maxLength} characters");
        }

        var expected = HttpAllowedHosts.Count == 0
            ? "must be an absolute https URL"
            : "must be an absolute https URL (plain http only for: " + string.Join(", ", HttpAllowedHosts.Order(StringComparer.Ordinal)) + ")";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return expected;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not carry credentials";
        }

        var allowed = uri.Scheme == Uri.UriSchemeHttps
            || (uri.Scheme == Uri.UriSchemeHttp && HttpAllowedHosts.Contains(uri.Host));
        return allowed ? null : expected;
    }
}
