using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Natak.Assets;
using Natak.Tables;
using Natak.Orchestrations.Jobs;
using Natak.Orchestrations.Pipelines.ProviderCalls;
using Natak.Orchestrations.Pipelines;
using Natak.Orchestrations.Pipelines.Progress;
using Natak.Orchestrations.Telemetry;
using Natak.Orchestrations.Webhooks;

namespace Natak.Orchestrations.Hosting;

/// <summary>What the durable tasks need, registered once for both hosts: storage, providers, tables, assets, the catalogue, timings, webhook URLs.</summary>
public static class NatakOrchestrationsHostingExtensions
{
    public static IHostApplicationBuilder AddNatakOrchestrations(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddSingleton(TimeProvider.System);
        var storage = StorageAccount.FromConfiguration(builder.Configuration);
        services.AddSingleton(storage);
        services.AddSingleton<TableServiceClient>(storage.Tables);

        services.AddNatakAssets(builder.Configuration);
        services.AddSingleton<IValidateOptions<SafeFetchOptions>, SafeFetchOptionsValidator>();
        services.AddNatakProviders(builder.Configuration);
        services.AddNatakTables();

        services.AddSingleton(PricingCatalogLoader.Load(builder.Configuration, builder.Environment.ContentRootPath));
        services.AddOptions<PipelineTimingOptions>().BindConfiguration(PipelineTimingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PipelineTimingOptions>, PipelineTimingOptionsValidator>();
        services.AddOptions<NatakOptions>().BindConfiguration(NatakOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<NatakOptions>, NatakOptionsValidator>();
        services.AddSingleton<WebhookUrls>();
        services.AddSingleton<JobProgressWriter>();
        services.AddSingleton<JobTelemetry>();
        services.AddSingleton<JobSettlement>();
        services.AddSingleton<AdmissionRepair>();
        services.AddOptions<JobHistoryOptions>().BindConfiguration(JobHistoryOptions.SectionName)
            .Validate(o => o.HistoryRetention >= TimeSpan.Zero, "Jobs:HistoryRetention must not be negative.").ValidateOnStart();
        services.AddSingleton<ProviderRequestCanceller>();
        return builder;
    }
}
