using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Natak.Providers;
using Natak.Providers.Fal;
using Natak.Providers.Http;
using Natak.Providers.WaveSpeed;
using Natak.Providers.Xai;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the provider clients, their resilience pipelines, the webhook verifiers and validated options.</summary>
public static class ProvidersServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="FalClient"/>, <see cref="WaveSpeedClient"/>, <see cref="XaiClient"/> (typed HttpClients),
    /// <see cref="FalWebhookVerifier"/>, <see cref="WaveSpeedWebhookVerifier"/> and <see cref="IProviderHealth"/>.
    /// Options bind from <c>Providers:Fal</c>, <c>Providers:WaveSpeed</c>, <c>Providers:Xai</c>; an empty <c>ApiKey</c>
    /// falls back to <c>FAL_KEY</c>, <c>WAVESPEED_KEY</c>, <c>GROK_API_KEY</c> (and the WaveSpeed webhook secret to
    /// <c>WAVESPEED_WEBHOOK_SECRET</c>). Options are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddNatakProviders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ProviderHealth>();
        services.TryAddSingleton<IProviderHealth>(sp => sp.GetRequiredService<ProviderHealth>());

        AddOptions<FalOptions, FalOptionsValidator>(services, configuration, FalOptions.SectionName);
        AddOptions<WaveSpeedOptions, WaveSpeedOptionsValidator>(services, configuration, WaveSpeedOptions.SectionName)
            .PostConfigure(o => o.WebhookSecret = o.WebhookSecret.Length > 0 ? o.WebhookSecret : configuration["WAVESPEED_WEBHOOK_SECRET"] ?? "");
        AddOptions<XaiOptions, XaiOptionsValidator>(services, configuration, XaiOptions.SectionName);

        services.AddHttpClient<FalClient>(ProviderHttpClients.Fal)
            .AddProviderResilience(ProviderKind.Fal, Resilience<FalOptions>, circuitBreaker: true);
        services.AddHttpClient(ProviderHttpClients.FalKeys)
            .AddProviderResilience(ProviderKind.Fal, Resilience<FalOptions>, circuitBreaker: false);
        services.AddHttpClient<WaveSpeedClient>(ProviderHttpClients.WaveSpeed)
            .AddProviderResilience(ProviderKind.WaveSpeed, Resilience<WaveSpeedOptions>, circuitBreaker: true);
        services.AddHttpClient<XaiClient>(ProviderHttpClients.Xai)
            .AddProviderResilience(ProviderKind.Xai, Resilience<XaiOptions>, circuitBreaker: true);

        services.TryAddSingleton<FalWebhookVerifier>();
        services.TryAddSingleton<WaveSpeedWebhookVerifier>();
        return services;
    }

    private static OptionsBuilder<TOptions> AddOptions<TOptions, TValidator>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : ProviderOptions
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(section))
            .PostConfigure(o => o.ApiKey = string.IsNullOrWhiteSpace(o.ApiKey) ? configuration[o.ApiKeyVariable] ?? "" : o.ApiKey)
            .ValidateOnStart();
    }

    private static ProviderResilienceOptions Resilience<TOptions>(IServiceProvider services)
        where TOptions : ProviderOptions =>
        services.GetRequiredService<IOptions<TOptions>>().Value.Resilience;
}
