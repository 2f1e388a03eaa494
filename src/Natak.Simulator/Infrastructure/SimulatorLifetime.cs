using Microsoft.Extensions.Hosting;

namespace Natak.Simulator;

/// <summary>Stops jobs and webhook deliveries when the host stops, before the services they use are disposed.</summary>
internal sealed class SimulatorLifetime(BackgroundWork background) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => background.StopAsync();
}
