using Microsoft.Extensions.Configuration;
using Natak.DevHost;
using Natak.Testing;

namespace Natak.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One dev host per test collection, in-process on a free port, on the shared Azurite with a task hub of its own.
/// </summary>
public class DevHostFixture : IAsyncLifetime
{
    private readonly string _backend;

    public DevHostFixture()
        : this("AzureStorage")
    {
    }

    protected DevHostFixture(string backend) => _backend = backend;

    public DevHostApp Host { get; private set; } = null!;

    public string StorageConnectionString { get; private set; } = null!;

    public string S3ServiceUrl { get; private set; } = null!;

    public string TaskHubName { get; } = Unique.Name("hub");

    public ApiClient Api(string? userId = null, bool admin = false) => new(Host.BaseUrl, userId, admin);

    public async Task InitializeAsync()
    {
        StorageConnectionString = await LocalServices.StorageConnectionStringAsync();
        S3ServiceUrl = await LocalServices.S3ServiceUrlAsync();
        Host = await DevHostApp.StartAsync([], configuration => configuration.AddInMemoryCollection(Settings()));
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Urls", "http://127.0.0.1:0"),
        new("AzureWebJobsStorage", StorageConnectionString),
        new("Durable:Backend", _backend),
        new("R2_ENDPOINT", S3ServiceUrl),
        new("R2_ACCESS_KEY_ID", LocalServices.S3AccessKey),
        new("R2_SECRET_ACCESS_KEY", LocalServices.S3SecretKey),
        new("R2_BUCKET", LocalServices.S3Bucket),
        new("Durable:TaskHubName", TaskHubName),
        new("Logging:LogLevel:Default", "Warning"),
        new("Logging:LogLevel:Natak", "Warning"),
    ];
}

/// <summary>The same host on the sidecar's in-memory backend.</summary>
public sealed class InMemoryDevHostFixture : DevHostFixture
{
    public InMemoryDevHostFixture()
        : base("Memory")
    {
    }
}

[CollectionDefinition(Name)]
public sealed class DevHostCollection : ICollectionFixture<DevHostFixture>
{
    public const string Name = "dev host on Azurite";
}
