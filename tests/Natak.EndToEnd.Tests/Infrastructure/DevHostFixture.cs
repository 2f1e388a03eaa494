using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Natak.DevHost;
using Natak.Simulator;
using Natak.Tables.Credits;
using Natak.Testing;

namespace Natak.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One dev host per test collection, in-process on a free port, on the shared Azurite with a task hub of its own.
/// </summary>
public class DevHostFixture : IAsyncLifetime
{
    private readonly string _backend;

    /// <summary>The Stripe webhook secret the simulator signs with and the host verifies with.</summary>
    public const string StripeWebhookSecret = "whsec_natak_end_to_end_tests";

    public DevHostFixture()
        : this("AzureStorage")
    {
    }

    protected DevHostFixture(string backend) => _backend = backend;

    public DevHostApp Host { get; private set; } = null!;

    /// <summary>The provider simulator the host talks to over real HTTP (fal, WaveSpeed and xAI protocols).</summary>
    public SimulatorServer Simulator { get; private set; } = null!;

    public string StorageConnectionString { get; private set; } = null!;

    public string S3ServiceUrl { get; private set; } = null!;

    public string TaskHubName { get; } = Unique.Name("hub");

    /// <summary>Each host its own admission queue: hosts running side by side in a test run do not share slots.</summary>
    public string AdmissionTable { get; } = "Admission" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The one exact browser origin the host's CORS allows besides Development's loopback ports.</summary>
    public const string AllowedOrigin = "https://studio.natak.test";

    private int _apiPort;

    public ApiClient Api(string? userId = null, bool admin = false) => new(Host.BaseUrl, userId, admin);

    public async Task InitializeAsync()
    {
        StorageConnectionString = await LocalServices.StorageConnectionStringAsync();
        S3ServiceUrl = await LocalServices.S3ServiceUrlAsync();
        Simulator = await SimulatorServer.StartAsync(SimulatorOptions());
        _apiPort = FreePort.Next();
        Simulator.Control.StripeWebhookUrl = $"http://127.0.0.1:{_apiPort}/api/webhooks/stripe";
        Simulator.Control.StripeWebhookSecret = StripeWebhookSecret;
        Host = await DevHostApp.StartAsync([], configuration => configuration.AddInMemoryCollection(Settings()), ConfigureServices);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Simulator.DisposeAsync();
    }

    /// <summary>Makes the simulator keep <paramref name="modelId"/>'s requests running (for minutes by default), until disposed.</summary>
    public IDisposable SlowModel(string modelId, TimeSpan? latency = null)
    {
        Simulator.Control.SetModelLatency(modelId, latency ?? TimeSpan.FromMinutes(5));
        return new Restore(() => Simulator.Control.SetModelLatency(modelId, null));
    }

    /// <summary>Gives a user credits the way an admin grant does.</summary>
    public async Task GrantAsync(string userId, long credits)
    {
        var ledger = Host.Services.GetRequiredService<ICreditLedger>();
        var result = await ledger.CreditAsync(userId, credits, CreditKind.Grant, "grant:test-" + Guid.NewGuid().ToString("N"), "test");
        Assert.IsType<LedgerResult.Applied>(result);
    }

    /// <summary>Services a fixture adds to the host (none by default).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected virtual SimulatorOptions SimulatorOptions() => new()
    {
        DefaultLatency = TimeSpan.FromMilliseconds(200),
        TrainingLatency = TimeSpan.FromSeconds(2),
    };

    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Urls", $"http://127.0.0.1:{_apiPort}"),
        new("Natak:PublicBaseUrl", $"http://127.0.0.1:{_apiPort}"),
        new("Providers:Fal:QueueBaseUrl", Simulator.Endpoints.FalQueueBaseUrl),
        new("Providers:Fal:JwksUrl", Simulator.Endpoints.FalJwksUrl),
        new("Providers:WaveSpeed:BaseUrl", Simulator.Endpoints.WaveSpeedBaseUrl),
        new("Providers:Xai:BaseUrl", Simulator.Endpoints.XaiBaseUrl),
        new("Payments:StripeApiBase", Simulator.Endpoints.StripeApiBaseUrl),
        new("Payments:StripeWebhookSecret", StripeWebhookSecret),
        new("SafeFetch:AllowedDevelopmentHosts:0", "127.0.0.1"),
        new("SafeFetch:AllowedDevelopmentHosts:1", "localhost"),
        new("Pipelines:Timings:Image:FirstPoll", "00:00:02"),
        new("Pipelines:Timings:Image:MaxPoll", "00:00:04"),
        new("Pipelines:Timings:Image:Deadline", "00:02:00"),
        new("Pipelines:Timings:Video:FirstPoll", "00:00:02"),
        new("Pipelines:Timings:Video:MaxPoll", "00:00:04"),
        new("Pipelines:Timings:Video:Deadline", "00:02:00"),
        new("Pipelines:Timings:Training:FirstPoll", "00:00:02"),
        new("Pipelines:Timings:Training:MaxPoll", "00:00:04"),
        new("Pipelines:Timings:Training:Deadline", "00:02:00"),
        new("AzureWebJobsStorage", StorageConnectionString),
        new("Durable:Backend", _backend),
        new("R2_ENDPOINT", S3ServiceUrl),
        new("R2_ACCESS_KEY_ID", LocalServices.S3AccessKey),
        new("R2_SECRET_ACCESS_KEY", LocalServices.S3SecretKey),
        new("R2_BUCKET", LocalServices.S3Bucket),
        new("Durable:TaskHubName", TaskHubName),
        new("Jobs:Admission:TableName", AdmissionTable),
        new("Cors:AllowedOrigins", AllowedOrigin),
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
