using System.Net.Sockets;

namespace Natak.Assets;

/// <summary>
/// A read-only view of a response body that replays its sniffed prefix, refuses to read past the size cap,
/// gives up on a source that stalls, and turns transport failures mid-body into <see cref="SafeFetchException"/>.
/// </summary>
internal sealed class CappedBodyStream(Stream inner, long maxBytes, TimeSpan idleTimeout) : Stream
{
    private byte[] _prefix = [];
    private int _prefixOffset;
    private long _total;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Reads up to <paramref name="length"/> bytes ahead so they can be inspected, then replays them.</summary>
    public async Task<ReadOnlyMemory<byte>> PeekAsync(int length, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        var read = await ReadInnerAtLeastAsync(buffer, cancellationToken).ConfigureAwait(false);
        _prefix = buffer[..read];
        _prefixOffset = 0;
        return _prefix;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_prefixOffset < _prefix.Length)
        {
            var n = Math.Min(buffer.Length, _prefix.Length - _prefixOffset);
            _prefix.AsMemory(_prefixOffset, n).CopyTo(buffer);
            _prefixOffset += n;
            return n;
        }

        return await ReadInnerAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<int> ReadInnerAtLeastAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await ReadInnerAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private async ValueTask<int> ReadInnerAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        // Ask for one byte more than the cap allows so an over-long body is noticed without reading much of it.
        var room = maxBytes - _total + 1;
        if (buffer.Length > room)
        {
            buffer = buffer[..(int)room];
        }

        int n;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(idleTimeout);
        try
        {
            n = await inner.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or SocketException)
        {
            throw SafeFetchException.Failed("The download was interrupted.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw SafeFetchException.Failed("The source stopped sending.", ex);
        }

        _total += n;
        if (_total > maxBytes)
        {
            throw SafeFetchException.TooLarge(maxBytes);
        }

        return n;
    }
}
