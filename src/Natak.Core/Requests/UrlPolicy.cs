using System.Globalization;
using System.Net;

namespace Natak.Core.Requests;

/// <summary>
/// The one rule set for URLs that users or providers hand Natak: absolute <c>https</c> (plain <c>http</c> only for
/// hosts on a development allow-list: the simulator, s3rver), no credentials, and no loopback, private,
/// link-local, CGNAT, multicast or cloud-metadata address (metadata stays refused even for allow-listed hosts).
/// Request validation applies <see cref="Problem(string, int)"/>, which can judge an IP literal but not a name;
/// the fetcher applies <see cref="Problem(Uri)"/> to every hop and <see cref="MayConnect"/> to every address a
/// name resolves to, so a name is judged by what it resolves to when Natak downloads.
/// </summary>
public sealed class UrlPolicy
{
    /// <summary>Why an address was refused; the fetcher's message contains it too.</summary>
    public const string ForbiddenAddress = "points at an address that may not be fetched (loopback, private, link-local or metadata)";

    private readonly HashSet<string> _httpAllowedHosts;

    public UrlPolicy(IEnumerable<string> httpAllowedHosts)
    {
        ArgumentNullException.ThrowIfNull(httpAllowedHosts);
        _httpAllowedHosts = new HashSet<string>(httpAllowedHosts.Select(NormalizeHost), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>https only: the production policy.</summary>
    public static UrlPolicy HttpsOnly { get; } = new([]);

    /// <summary>The problem with <paramref name="url"/> as a request field ("must …"), or <c>null</c> when it is acceptable.</summary>
    public string? Problem(string url, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Length > maxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"must be at most {maxLength} characters");
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Problem(uri) : ExpectedScheme();
    }

    /// <summary>The problem with <paramref name="url"/>, or <c>null</c> when it may be fetched as far as can be told without resolving its host.</summary>
    public string? Problem(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || string.IsNullOrEmpty(url.Host))
        {
            return ExpectedScheme();
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "must not carry credentials";
        }

        var allowListed = IsAllowListed(url.IdnHost);
        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && allowListed))
        {
            return ExpectedScheme();
        }

        return IPAddress.TryParse(NormalizeHost(url.IdnHost), out var literal) && !MayConnect(literal, allowListed)
            ? ForbiddenAddress
            : null;
    }

    /// <summary>Whether <paramref name="host"/> (a name or an IP literal, brackets allowed) is on the development allow-list.</summary>
    public bool IsAllowListed(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return _httpAllowedHosts.Contains(NormalizeHost(host));
    }

    /// <summary>
    /// Whether a download may connect to <paramref name="address"/>: a public unicast address, or any address
    /// but a cloud-metadata one for an allow-listed host.
    /// </summary>
    public static bool MayConnect(IPAddress address, bool allowListed)
    {
        ArgumentNullException.ThrowIfNull(address);
        return !AddressPolicy.IsMetadata(address) && (allowListed || AddressPolicy.IsPublic(address));
    }

    /// <summary>A host as the allow-list holds it: no IPv6 brackets, no trailing dot.</summary>
    public static string NormalizeHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.');
    }

    private string ExpectedScheme() => _httpAllowedHosts.Count == 0
        ? "must be an absolute https URL"
        : "must be an absolute https URL (plain http only for: " + string.Join(", ", _httpAllowedHosts.Order(StringComparer.Ordinal)) + ")";
}
