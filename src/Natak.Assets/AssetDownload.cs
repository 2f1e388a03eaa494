namespace Natak.Assets;

/// <summary>An object being read; dispose it to release the connection.</summary>
public sealed class AssetDownload : IAsyncDisposable, IDisposable
{
    private readonly IDisposable _owner;

    internal AssetDownload(Stream content, IDisposable owner)
    {
        Content = content;
        _owner = owner;
    }

    /// <summary>The object's bytes, streamed.</summary>
    public Stream Content { get; }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _owner.Dispose();
    }

    public void Dispose()
    {
        Content.Dispose();
        _owner.Dispose();
    }
}
