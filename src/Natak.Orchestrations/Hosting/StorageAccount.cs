using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Natak.Orchestrations.Hosting;

/// <summary>
/// The storage account Natak's tables live in — the same one the Functions host uses (<c>AzureWebJobsStorage</c>):
/// a connection string locally (Azurite), or identity-based in Azure (<c>AzureWebJobsStorage__accountName</c> or
/// <c>__tableServiceUri</c>/<c>__blobServiceUri</c>/<c>__queueServiceUri</c>, with <c>__credential=managedidentity</c>
/// and <c>__clientId</c> for a user-assigned identity), exactly as the Functions runtime reads it.
/// </summary>
public sealed class StorageAccount
{
    public const string SettingName = "AzureWebJobsStorage";

    private StorageAccount(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues, string? connectionString)
    {
        Tables = tables;
        Blobs = blobs;
        Queues = queues;
        ConnectionString = connectionString;
    }

    public TableServiceClient Tables { get; }

    public BlobServiceClient Blobs { get; }

    public QueueServiceClient Queues { get; }

    /// <summary>Set when configured by connection string (the dev host hands it to the Durable backend).</summary>
    public string? ConnectionString { get; }

    public static StorageAccount FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString);
        }

        var section = configuration.GetSection(SettingName);
        var account = section["accountName"];
        Uri? Endpoint(string key, string service) =>
            section[key] is { Length: > 0 } explicitUri ? new Uri(explicitUri)
            : account is { Length: > 0 } ? new Uri($"https://{account}.{service}.core.windows.net")
            : null;

        var tableUri = Endpoint("tableServiceUri", "table");
        var blobUri = Endpoint("blobServiceUri", "blob");
        var queueUri = Endpoint("queueServiceUri", "queue");
        if (tableUri is null || blobUri is null || queueUri is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {SettingName} (a connection string, e.g. Azurite's) or {SettingName}__accountName for identity-based access.");
        }

        TokenCredential credential = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(section["clientId"] is { Length: > 0 } clientId ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
        return new StorageAccount(new TableServiceClient(tableUri, credential), new BlobServiceClient(blobUri, credential), new QueueServiceClient(queueUri, credential), null);
    }

    public static StorageAccount FromConnectionString(string connectionString) =>
        new(new TableServiceClient(connectionString), new BlobServiceClient(connectionString), new QueueServiceClient(connectionString), connectionString);
}
