using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Natak.Core.Pricing;
using Natak.Core.Requests;
using Microsoft.DurableTask.Client;
using Natak.Ledger;
using Natak.Ledger.Credits;
using Natak.Workflows.Credits;
using Natak.Ledger.Characters;
using Natak.Ledger.Jobs;
using Natak.Ledger.Webhooks;
using Natak.Storage;
using Natak.Workflows.Api;
using Natak.Workflows.Auth;
using Natak.Workflows.Canary;
using Natak.Workflows.Characters;
using Natak.Workflows.Health;
using Natak.Workflows.Jobs;
using Natak.Workflows.Media;
using Natak.Workflows.Money;
using Natak.Workflows.Pipelines;
using Natak.Workflows.Webhooks;

namespace Natak.Workflows.Hosting;

/// <summary>Everything both hosts share, registered once: options, storage, the API pipeline, handlers' services.</summary>
public static class NatakWorkflowsHostingExtensions
{
    public static IHostApplicationBuilder AddNatakWorkflows(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        var storage = StorageAccount.FromConfiguration(builder.Configuration);
        services.AddSingleton(storage);
        services.AddSingleton<TableServiceClient>(storage.Tables);
        services.AddSingleton<BlobServiceClient>(storage.Blobs);
        services.AddSingleton<QueueServiceClient>(storage.Queues);

        services.AddNatakStorage(builder.Configuration);
        services.AddNatakProviders(builder.Configuration);
        services.AddNatakLedger();

        // Sweeps are started with the host's Durable client (HoldSweepRunner); this default serves any other resolution.
        services.AddSingleton<IRunningJobProbe>(sp => new DurableRunningJobProbe(sp.GetRequiredService<DurableTaskClient>()));
        services.AddSingleton(PricingCatalogLoader.Load(builder.Configuration, builder.Environment.ContentRootPath));
        services.AddOptions<PipelineTimingOptions>().BindConfiguration(PipelineTimingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PipelineTimingOptions>, PipelineTimingOptionsValidator>();
        services.AddOptions<CharacterStoreOptions>();
        services.AddSingleton<CharacterStore>();
        services.AddOptions<NatakOptions>().BindConfiguration(NatakOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<NatakOptions>, NatakOptionsValidator>();
        services.AddSingleton<IValidateOptions<SafeFetchOptions>, SafeFetchOptionsValidator>();
        services.AddSingleton<WebhookUrls>();
        services.AddOptions<WebhookInboxOptions>();
        services.AddSingleton<WebhookInbox>();

        services.AddOptions<JobIndexOptions>();
        services.AddSingleton<JobIndex>();
        services.AddSingleton<JobStarter>();
        services.AddSingleton<MediaJobStarter>();
        services.AddNatakCharacters(builder.Configuration);

        services.AddSingleton(sp => PriceList.From(sp.GetRequiredService<PricingCatalog>()));
        // the URL rules for request fields: https, plain http only for the development allow-list
        services.AddSingleton(sp => new UrlPolicy(sp.GetRequiredService<IOptions<SafeFetchOptions>>().Value.AllowedDevelopmentHosts));
        services.AddSingleton(sp => new QuoteEngine(sp.GetRequiredService<PricingCatalog>(), sp.GetRequiredService<UrlPolicy>()));
        services.AddSingleton<MarginCalculator>();
        services.AddSingleton<Forecast>();
        services.AddSingleton<CreditIssuer>();
        services.AddSingleton<CostReporter>();

        services.AddSingleton<JwtAuthenticator>();
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
