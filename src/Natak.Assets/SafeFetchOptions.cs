namespace Natak.Assets;

/// <summary>Settings of <see cref="SafeHttpFetcher"/>, bound from the <c>SafeFetch</c> section.</summary>
public sealed class SafeFetchOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "SafeFetch";

    /// <summary>
    /// Development hosts (exact names or IP literals, e.g. <c>localhost</c>, <c>127.0.0.1</c>) that may be
    /// fetched over plain http and may resolve to loopback or private addresses: the provider simulator and
    /// s3rver. Empty in production. Cloud metadata addresses stay refused even for these.
    /// </summary>
    public IList<string> AllowedDevelopmentHosts { get; } = [];

    /// <summary>Redirects followed (each one re-checked) before giving up. At most 10.</summary>
    public int MaxRedirects { get; set; } = 3;

    /// <summary>Time allowed to open a TCP connection to one address.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed until the response headers arrive.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Longest wait for the next bytes of a body. A large video may take minutes in all (bounded by the caller's
    /// token), but a source that stops sending is given up on after this.
    /// </summary>
    public TimeSpan ReadIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
