using Azure.Core;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.JobReads;

/// <summary>
/// A dev host of the jobs read-side tests' own: its table client counts requests and its Durable client counts reads
/// (the API must not read the durable backend to answer job reads), the live stream polls fast and sends a heartbeat
/// every second, and ended instances' history is purged as soon as housekeeping runs (retention 0).
/// </summary>
public sealed class JobsReadFixture : DevHostFixture
{
    public TableRequestCounter TableRequests { get; } = new();

    public CountingDurableClient Durable => (CountingDurableClient)Host.Services.GetRequiredService<DurableTaskClient>();

    protected override void ConfigureServices(IServiceCollection services)
    {
        var options = new TableClientOptions();
        options.AddPolicy(TableRequests, HttpPipelinePosition.PerRetry);
        services.AddSingleton(new TableServiceClient(StorageConnectionString, options));

        var registered = services.Last(d => d.ServiceType == typeof(DurableTaskClient));
        services.Replace(ServiceDescriptor.Singleton<DurableTaskClient>(sp => new CountingDurableClient(
            (DurableTaskClient)(registered.ImplementationFactory?.Invoke(sp) ?? registered.ImplementationInstance
                ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)))));
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings(),
        new("Jobs:Events:PollInterval", "00:00:00.200"),
        new("Jobs:Events:HeartbeatInterval", "00:00:01"),
        new("Jobs:HistoryRetention", "00:00:00"),
    ];
}

[CollectionDefinition(Name)]
public sealed class JobsReadCollection : ICollectionFixture<JobsReadFixture>
{
    public const string Name = "jobs read side on its own dev host";
}
