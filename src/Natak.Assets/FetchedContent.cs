namespace Natak.Assets;

/// <summary>
/// A download in progress: <see cref="Content"/> streams the body (size-capped; reading past the cap throws
/// <see cref="SafeFetchException"/> with <see cref="SafeFetchErrorCodes.TooLarge"/>). Dispose it to release the connection.
/// </summary>
public sealed class FetchedContent : IAsyncDisposable, IDisposable
{
    private readonly HttpResponseMessage _response;

    internal FetchedContent(HttpResponseMessage response, Stream content, string contentType)
    {
        _response = response;
        Content = content;
        ContentType = contentType;
    }

    /// <summary>The body, from its first byte.</summary>
    public Stream Content { get; }

    /// <summary>The content type the bytes show (one of the allowed ones), not merely the one the server declared.</summary>
    public string ContentType { get; }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
    }

    public void Dispose()
    {
        Content.Dispose();
        _response.Dispose();
    }
}
