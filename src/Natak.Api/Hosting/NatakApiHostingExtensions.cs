using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Natak.Api.Auth;
using Natak.Api.Characters;
using Natak.Api.Health;
using Natak.Api.Http;
using Natak.Api.Jobs;
using Natak.Api.Media;
using Natak.Api.Money;
using Natak.Api.Payments;
using Natak.Core.Pricing;
using Natak.Core.Requests;
using Natak.Orchestrations.Hosting;

namespace Natak.Api.Hosting;

/// <summary>
/// Everything both hosts share, registered once: the durable tasks' services (<see cref="NatakOrchestrationsHostingExtensions"/>),
/// then what the HTTP application adds — auth, the API pipeline, starters, quotes, money reports, health probes.
/// </summary>
public static class NatakApiHostingExtensions
{
    public static IHostApplicationBuilder AddNatakApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddNatakOrchestrations();
        var services = builder.Services;

        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<BlobServiceClient>(sp => sp.GetRequiredService<StorageAccount>().Blobs);
        services.AddSingleton<QueueServiceClient>(sp => sp.GetRequiredService<StorageAccount>().Queues);

        services.AddSingleton<JobStarter>();
        services.AddOptions<JobStreamOptions>().BindConfiguration(JobStreamOptions.SectionName)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.HeartbeatInterval > TimeSpan.Zero && o.MaxDuration > TimeSpan.Zero,
                "Jobs:Events:PollInterval, HeartbeatInterval and MaxDuration must be positive.")
            .ValidateOnStart();
        services.AddSingleton<JobEventStream>();
        services.AddSingleton<MediaJobStarter>();
        services.AddNatakCharacters(builder.Configuration);

        services.AddSingleton(sp => PriceList.From(sp.GetRequiredService<PricingCatalog>()));
        services.AddSingleton(sp => new QuoteEngine(sp.GetRequiredService<PricingCatalog>(), sp.GetRequiredService<UrlPolicy>()));
        services.AddSingleton<MarginCalculator>();
        services.AddSingleton<Forecast>();
        services.AddSingleton<CreditIssuer>();
        services.AddSingleton<CostReporter>();
        services.AddNatakPayments(builder.Configuration);

        services.AddSingleton<JwtAuthenticator>();
        services.AddSingleton<ApiCors>();
        services.AddSingleton<ApiPipeline>();
        services.AddSingleton<CanaryRunner>();
        services.AddSingleton<IHealthProbe, TableProbe>();
        services.AddSingleton<IHealthProbe, BlobProbe>();
        services.AddSingleton<IHealthProbe, QueueProbe>();
        services.AddSingleton<IHealthProbe, ObjectStoreProbe>();
        services.AddSingleton<IHealthProbe, ProvidersProbe>();
        return builder;
    }
}
