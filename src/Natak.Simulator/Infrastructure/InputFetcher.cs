using System.Net;

namespace Natak.Simulator;

/// <summary>Downloads the files a request points at (http(s) URLs or data URIs), as the real providers do before running a model.</summary>
internal sealed class InputFetcher(SimulatorHttp http)
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    public async Task<FetchedFile> FetchAsync(string url, long maxBytes, bool headersOnly, CancellationToken cancellationToken)
    {
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return FromDataUri(url, maxBytes);
        }

        if (!IsHttpUrl(url))
        {
            return FetchedFile.Failed("not an http(s) URL or data URI");
        }

        var uri = new Uri(url);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(FetchTimeout);
        try
        {
            using var response = await http.Client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return FetchedFile.Failed($"HTTP {(int)response.StatusCode}");
            }

            if (headersOnly)
            {
                return new FetchedFile([], response.Content.Headers.ContentType?.MediaType, null);
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return FetchedFile.Failed("file too large");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return FetchedFile.Failed("file too large");
                }

                buffer.Write(chunk, 0, read);
            }

            return new FetchedFile(buffer.ToArray(), response.Content.Headers.ContentType?.MediaType, null);
        }
        catch (HttpRequestException e)
        {
            return FetchedFile.Failed(e.StatusCode is HttpStatusCode code ? $"HTTP {(int)code}" : "connection failed");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FetchedFile.Failed("timed out");
        }
    }

    public static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static FetchedFile FromDataUri(string url, long maxBytes)
    {
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return FetchedFile.Failed("malformed data URI");
        }

        var meta = url[5..comma];
        var payload = url[(comma + 1)..];
        var isBase64 = meta.EndsWith(";base64", StringComparison.OrdinalIgnoreCase);
        var mediaType = isBase64 ? meta[..^";base64".Length] : meta;
        try
        {
            var bytes = isBase64 ? Convert.FromBase64String(payload) : System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(payload));
            return bytes.Length > maxBytes ? FetchedFile.Failed("file too large") : new FetchedFile(bytes, mediaType.Length == 0 ? null : mediaType, null);
        }
        catch (FormatException)
        {
            return FetchedFile.Failed("malformed data URI");
        }
    }
}

internal sealed record FetchedFile(byte[]? Bytes, string? ContentType, string? Error)
{
    public static FetchedFile Failed(string error) => new(null, null, error);
}
