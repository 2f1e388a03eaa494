using System.Globalization;
using Natak.Simulator;

namespace Natak.DevHost;

/// <summary>
/// With no provider API keys configured (<c>FAL_KEY</c>, <c>WAVESPEED_KEY</c>, <c>GROK_API_KEY</c> or their
/// <c>Providers:*:ApiKey</c> settings) and no provider base URLs, the dev host starts the provider simulator
/// (http://127.0.0.1:7080 unless <c>Simulator:Port</c> says otherwise) and points fal, WaveSpeed and xAI at it.
/// With keys, nothing is faked: the real providers are called. (The Functions app never does this: without
/// keys it refuses to start.)
/// </summary>
internal static class EmbeddedSimulator
{
    private static readonly string[] KeySettings =
    [
        "FAL_KEY", "WAVESPEED_KEY", "GROK_API_KEY",
        "Providers:Fal:ApiKey", "Providers:WaveSpeed:ApiKey", "Providers:Xai:ApiKey",
        "Providers:Fal:QueueBaseUrl", "Providers:WaveSpeed:BaseUrl", "Providers:Xai:BaseUrl",
    ];

    public static async Task<SimulatorServer?> StartIfNoProviderKeysAsync(IConfigurationManager configuration, CancellationToken cancellationToken)
    {
        if (KeySettings.Any(k => !string.IsNullOrWhiteSpace(configuration[k])))
        {
            return null;
        }

        var options = configuration.GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>() ?? new SimulatorOptions();
        if (configuration[SimulatorOptions.SectionName + ":Port"] is null)
        {
            options.Port = 7080;
        }

        var simulator = await SimulatorServer.StartAsync(options, cancellationToken);
        var endpoints = simulator.Endpoints;
        var allowed = configuration.GetSection("SafeFetch:AllowedDevelopmentHosts").GetChildren().Count();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:Fal:QueueBaseUrl"] = endpoints.FalQueueBaseUrl,
            ["Providers:Fal:JwksUrl"] = endpoints.FalJwksUrl,
            ["Providers:WaveSpeed:BaseUrl"] = endpoints.WaveSpeedBaseUrl,
            ["Providers:Xai:BaseUrl"] = endpoints.XaiBaseUrl,
            [$"SafeFetch:AllowedDevelopmentHosts:{allowed.ToString(CultureInfo.InvariantCulture)}"] = simulator.BaseUrl.Host,
        });
        Console.WriteLine($"natak: no provider API keys configured: using the provider simulator at {simulator.BaseUrl} (fal, WaveSpeed, xAI).");
        return simulator;
    }
}
