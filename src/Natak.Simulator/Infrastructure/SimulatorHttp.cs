namespace Natak.Simulator;

/// <summary>The simulator's own outbound HTTP: fetching input files and delivering webhooks.</summary>
internal sealed class SimulatorHttp : IDisposable
{
    public SimulatorHttp()
    {
        Client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1), AllowAutoRedirect = true })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Client.DefaultRequestHeaders.UserAgent.ParseAdd("natak-simulator/1.0");
    }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}
