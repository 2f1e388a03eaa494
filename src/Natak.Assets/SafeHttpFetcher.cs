using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Natak.Core.Requests;

namespace Natak.Assets;

/// <summary>
/// Downloads from URLs that users or providers hand Natak, under the SSRF rules of <see cref="UrlPolicy"/> (the
/// same rules request validation applies): every connection made to an address it resolved and checked itself
/// (so DNS rebinding cannot swap it), redirects followed by hand and re-checked, a size cap enforced by
/// Content-Length and while streaming, and a content type proven by the bytes. Failures are <see cref="SafeFetchException"/>s. Register once (singleton); it owns its connection pool.
/// </summary>
public sealed class SafeHttpFetcher : IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue AnyMediaType = new("*/*");

    private readonly HttpClient _http;
    private readonly SafeFetchOptions _options;
    private readonly UrlPolicy _urls;
    private readonly ILogger _logger;

    public SafeHttpFetcher(IOptions<SafeFetchOptions> options, ILogger<SafeHttpFetcher>? logger = null)
        : this(options.Value, Dns.GetHostAddressesAsync, logger)
    {
    }

    /// <summary>With a substitute resolver: lets tests map names to addresses without touching DNS.</summary>
    internal SafeHttpFetcher(SafeFetchOptions options, Func<string, CancellationToken, Task<IPAddress[]>> resolve, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRedirects);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxRedirects, 10);
        _options = options;
        _urls = new UrlPolicy(options.AllowedDevelopmentHosts);
        _logger = logger ?? NullLogger.Instance;
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed by hand so that every hop is checked; a proxy would connect for us to
            // addresses we never checked; decompression would let a small body expand past the cap.
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, resolve, cancellationToken),
        };
        _http = new HttpClient(handler) { Timeout = options.ResponseTimeout };
    }

    /// <summary>Starts downloading <paramref name="url"/>; the caller streams <see cref="FetchedContent.Content"/> and disposes the result.</summary>
    /// <exception cref="SafeFetchException">The URL is not allowed, the content is too large or of the wrong type, or the fetch failed.</exception>
    public async Task<FetchedContent> FetchAsync(Uri url, FetchLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        try
        {
            return await FetchCheckedAsync(url, limits, cancellationToken).ConfigureAwait(false);
        }
        catch (SafeFetchException ex)
        {
            Logs.FetchRefused(_logger, url.IsAbsoluteUri ? url.Host : "(relative)", ex.Code, ex.Message);
            throw;
        }
    }

    private async Task<FetchedContent> FetchCheckedAsync(Uri url, FetchLimits limits, CancellationToken cancellationToken)
    {
        var current = url;
        for (var redirects = 0; ; redirects++)
        {
            CheckUrl(current);
            var response = await SendAsync(current, cancellationToken).ConfigureAwait(false);
            try
            {
                if (IsRedirect(response.StatusCode))
                {
                    var location = response.Headers.Location
                        ?? throw SafeFetchException.Failed("The source redirected without a location.");
                    if (redirects >= _options.MaxRedirects)
                    {
                        throw SafeFetchException.Failed($"The source redirected more than {_options.MaxRedirects} times.");
                    }

                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    response.Dispose();
                    continue;
                }

                var content = await OpenBodyAsync(response, limits, cancellationToken).ConfigureAwait(false);
                return content;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(AnyMediaType);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw FindInner<SafeFetchException>(ex) ?? SafeFetchException.Failed("The URL could not be fetched.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw SafeFetchException.Failed("The source did not answer in time.", ex);
        }
    }

    private async Task<FetchedContent> OpenBodyAsync(HttpResponseMessage response, FetchLimits limits, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw SafeFetchException.Failed($"The source answered HTTP {(int)response.StatusCode}.");
        }

        if (response.Content.Headers.ContentLength > limits.MaxBytes)
        {
            throw SafeFetchException.TooLarge(limits.MaxBytes);
        }

        var declared = response.Content.Headers.ContentType?.MediaType;
        if (!limits.AllowedContentTypes.Any(allowed => AssetContentTypes.IsCompatible(declared, allowed)))
        {
            throw SafeFetchException.Unsupported($"The content type is not accepted here (allowed: {limits.Describe()}).");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var body = new CappedBodyStream(stream, limits.MaxBytes, _options.ReadIdleTimeout);
        try
        {
            var prefix = await body.PeekAsync(ContentSniffer.PrefixLength, cancellationToken).ConfigureAwait(false);
            var sniffed = ContentSniffer.Require(ContentSniffer.Detect(prefix.Span), declared, limits);
            return new FetchedContent(response, body, sniffed);
        }
        catch
        {
            await body.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void CheckUrl(Uri url)
    {
        if (_urls.Problem(url) is { } problem)
        {
            throw SafeFetchException.NotAllowed("The URL " + problem + ".");
        }
    }

    private async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, Func<string, CancellationToken, Task<IPAddress[]>> resolve, CancellationToken cancellationToken)
    {
        var host = UrlPolicy.NormalizeHost(endPoint.Host);
        var allowListed = _urls.IsAllowListed(host);
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await resolve(host, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw SafeFetchException.Failed("The URL's host could not be resolved.", ex);
            }
        }

        if (addresses.Length == 0)
        {
            throw SafeFetchException.Failed("The URL's host could not be resolved.");
        }

        // Every address must pass, not just the first: the connection below may use any of them.
        if (!Array.TrueForAll(addresses, address => UrlPolicy.MayConnect(address, allowListed)))
        {
            throw SafeFetchException.NotAllowed("The URL " + UrlPolicy.ForbiddenAddress + ".");
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw SafeFetchException.Failed("The URL's host could not be reached.", last);
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static T? FindInner<T>(Exception exception)
        where T : Exception
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }

    public void Dispose() => _http.Dispose();
}
