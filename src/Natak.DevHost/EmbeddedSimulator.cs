using System.Globalization;
using Natak.Api.Payments;
using Natak.Simulator;

namespace Natak.DevHost;

/// <summary>
/// With no provider API keys configured (<c>FAL_KEY</c>, <c>WAVESPEED_KEY</c>, <c>GROK_API_KEY</c> or their
/// <c>Providers:*:ApiKey</c> settings) and no provider base URLs, the dev host starts the provider simulator
/// (http://127.0.0.1:7080 unless <c>Simulator:Port</c> says otherwise) and points fal, WaveSpeed and xAI at it.
/// With keys, nothing is faked: the real providers are called. (The Functions app never does this: without
/// keys it refuses to start.) Payments likewise: without <c>STRIPE_SECRET_KEY</c> (or <c>Payments:StripeSecretKey</c>)
/// and <c>Payments:StripeApiBase</c>, Natak talks to the simulator's Stripe, which delivers its events to this
/// host's <c>/api/webhooks/stripe</c> signed with a development secret both sides are given.
/// </summary>
internal static class EmbeddedSimulator
{
    private static readonly string[] KeySettings =
    [
        "FAL_KEY", "WAVESPEED_KEY", "GROK_API_KEY",
        "Providers:Fal:ApiKey", "Providers:WaveSpeed:ApiKey", "Providers:Xai:ApiKey",
        "Providers:Fal:QueueBaseUrl", "Providers:WaveSpeed:BaseUrl", "Providers:Xai:BaseUrl",
    ];

    private static readonly string[] StripeSettings =
    [
        PaymentsOptions.SecretKeyVariable, PaymentsOptions.SectionName + ":StripeSecretKey", PaymentsOptions.SectionName + ":StripeApiBase",
    ];

    public static async Task<SimulatorServer?> StartIfNoProviderKeysAsync(IConfigurationManager configuration, CancellationToken cancellationToken)
    {
        var fakeProviders = KeySettings.All(k => string.IsNullOrWhiteSpace(configuration[k]));
        var fakeStripe = StripeSettings.All(k => string.IsNullOrWhiteSpace(configuration[k]));
        if (!fakeProviders && !fakeStripe)
        {
            return null;
        }

        var options = configuration.GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>() ?? new SimulatorOptions();
        if (configuration[SimulatorOptions.SectionName + ":Port"] is null)
        {
            options.Port = 7080;
        }

        var simulator = await SimulatorServer.StartAsync(options, cancellationToken);
        if (fakeStripe)
        {
            UseSimulatedStripe(configuration, simulator);
        }

        if (!fakeProviders)
        {
            return simulator;
        }

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

    private static void UseSimulatedStripe(IConfigurationManager configuration, SimulatorServer simulator)
    {
        var secret = (configuration[PaymentsOptions.SectionName + ":StripeWebhookSecret"] ?? configuration[PaymentsOptions.WebhookSecretVariable]) is { Length: > 0 } given
            ? given
            : PaymentsOptions.DevelopmentWebhookSecret;
        var webhook = (configuration["Natak:PublicBaseUrl"] ?? "http://127.0.0.1:7071").TrimEnd('/') + "/api/webhooks/stripe";
        simulator.Control.StripeWebhookSecret = secret;
        simulator.Control.StripeWebhookUrl = webhook;
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PaymentsOptions.SectionName + ":StripeApiBase"] = simulator.Endpoints.StripeApiBaseUrl,
            [PaymentsOptions.SectionName + ":StripeWebhookSecret"] = secret,
        });
        Console.WriteLine($"natak: no STRIPE_SECRET_KEY: payments use the simulator's Stripe at {simulator.Endpoints.StripeApiBaseUrl} (events to {webhook}).");
    }
}
