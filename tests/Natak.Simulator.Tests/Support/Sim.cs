namespace Natak.Simulator.Tests;

/// <summary>Starts a simulator on a free port with sub-second timings, so tests stay fast.</summary>
internal static class Sim
{
    public static Task<SimulatorServer> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions
        {
            DefaultLatency = TimeSpan.FromMilliseconds(30),
            TrainingLatency = TimeSpan.FromMilliseconds(100),
            QueueTime = TimeSpan.FromMilliseconds(5),
            WebhookInitialBackoff = TimeSpan.FromMilliseconds(20),
            WebhookTimeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return SimulatorServer.StartAsync(options);
    }
}
