using System.Net;
using System.Net.Sockets;

namespace Natak.Testing;

public static class FreePort
{
    /// <summary>Asks the OS for a free loopback port. Another process could take it before use; callers start services right away.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Nothing listened on 127.0.0.1:{port} within {timeout}. {diagnostics?.Invoke()}");
    }
}
