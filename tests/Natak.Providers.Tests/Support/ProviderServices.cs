using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Natak.Providers.Tests.Support;

/// <summary>
/// The real <c>AddNatakProviders</c> registration (options, typed clients, Polly pipelines, verifiers) with fast
/// test timings, optionally with fake providers as the innermost HTTP handlers.
/// </summary>
public sealed class ProviderServices : IDisposable
{
    public const string FalKey = "fal-test-key-0123456789";
    public const string WaveSpeedKey = "ws-test-key-0123456789";
    public const string XaiKey = "xai-test-key-0123456789";

    private readonly ServiceProvider _services;

    public ProviderServices(
        IDictionary<string, string?>? settings = null,
        FakeProvider? fal = null,
        FakeProvider? falKeys = null,
        FakeProvider? waveSpeed = null,
        FakeProvider? xai = null,
        TimeProvider? timeProvider = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Providers:Fal:ApiKey"] = FalKey,
            ["Providers:WaveSpeed:ApiKey"] = WaveSpeedKey,
            ["Providers:Xai:ApiKey"] = XaiKey,
        };
        foreach (var provider in new[] { "Fal", "WaveSpeed", "Xai" })
        {
            values[$"Providers:{provider}:Resilience:AttemptTimeout"] = "00:00:02";
            values[$"Providers:{provider}:Resilience:TotalTimeout"] = "00:00:10";
            values[$"Providers:{provider}:Resilience:MaxRetryAttempts"] = "3";
            values[$"Providers:{provider}:Resilience:RetryBaseDelay"] = "00:00:00.001";
            values[$"Providers:{provider}:Resilience:CircuitBreakerMinimumThroughput"] = "1000";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging();
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddNatakProviders(configuration);
        Replace(services, ProviderHttpClients.Fal, fal);
        Replace(services, ProviderHttpClients.FalKeys, falKeys);
        Replace(services, ProviderHttpClients.WaveSpeed, waveSpeed);
        Replace(services, ProviderHttpClients.Xai, xai);
        _services = services.BuildServiceProvider();
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>What the host does at start: runs every <c>ValidateOnStart</c> validation.</summary>
    public void ValidateOnStart() => _services.GetRequiredService<IStartupValidator>().Validate();

    public void Dispose() => _services.Dispose();

    private static void Replace(IServiceCollection services, string name, FakeProvider? fake)
    {
        if (fake is not null)
        {
            services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => fake);
        }
    }
}
