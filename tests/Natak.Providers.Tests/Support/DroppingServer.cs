using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Natak.Providers.Tests.Support;

/// <summary>
/// A real loopback TCP server that reads a whole HTTP request and then closes the connection without answering:
/// the request has reached "the provider" but the client never learns the outcome.
/// </summary>
public sealed class DroppingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public DroppingServer()
    {
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Complete requests (headers and body) received.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var socket = await _listener.AcceptSocketAsync(_stop.Token);
            var received = new StringBuilder();
            var buffer = new byte[8192];
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (n == 0)
                {
                    break;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, n));
                var text = received.ToString();
                var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (headerEnd < 0)
                {
                    continue;
                }

                var length = text.Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    .Select(l => int.Parse(l["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                if (text.Length >= headerEnd + 4 + length)
                {
                    Interlocked.Increment(ref _requests);
                    break;
                }
            }

            socket.Close(0);
        }
    }
}
