using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Natak.Assets;
using Natak.Core.Media;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Simulator;

namespace Natak.EndToEnd.Tests.Platform;

/// <summary>
/// Everything the host logs at the most verbose level — Natak's own categories, ASP.NET Core, HttpClient, Durable —
/// while it serves real work with every secret set to a value of its own: no provider key, R2 secret, signing key,
/// webhook secret or bearer token appears in any message, argument or exception, and neither do the capabilities
/// derived from them: presigned R2 signatures and the per-step tokens in webhook URLs.
/// </summary>
[Collection(SecretsInLogsCollection.Name)]
public sealed class SecretsInLogsTests(SecretsInLogsFixture fixture)
{
    [Fact]
    public async Task No_secret_is_logged_while_jobs_run_webhooks_arrive_and_requests_fail()
    {
        var user = Users.New("logs");
        await fixture.GrantAsync(user, 100);
        using var api = fixture.Api(user);
        var token = api.Http.DefaultRequestHeaders.Authorization!.Parameter!;

        // fal (queue submit, signed webhook, result), xAI (idea → prompt), R2 (copy, presigned URLs)
        var image = await Jobs.WaitForTerminalAsync(api, await Jobs.StartAsync(api, "/api/images", new { idea = "a lighthouse at dusk" }));
        Assert.Equal("succeeded", (string?)image["status"]);

        // WaveSpeed (submit with ?webhook=, HMAC-signed webhook, result)
        var video = await Jobs.WaitForTerminalAsync(api, await Jobs.StartAsync(api, "/api/videos", new { model = "wan-2.5", prompt = "waves", imageUrl = await StartFrameAsync(user) }));
        Assert.Equal("succeeded", (string?)video["status"]);
        Assert.NotEmpty(fixture.Simulator.Control.Calls(SimulatorProvider.WaveSpeed, SimulatorOperation.Submit));

        // refused requests: a forged webhook, a bad body, a bad token
        using (var forged = new StringContent("""{"request_id":"x","status":"OK","payload":{}}""", Encoding.UTF8, "application/json"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.Http.PostAsync("/api/webhooks/fal", forged)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostRawAsync("/api/images", """{"prompt":"x","count":99}""", "application/json")).StatusCode);
        using var stranger = new HttpClient { BaseAddress = fixture.Host.BaseUrl };
        stranger.DefaultRequestHeaders.Authorization = new("Bearer", token[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/jobs")).StatusCode);

        var logged = fixture.Captured.ToArray();
        Assert.True(logged.Length > 100, $"only {logged.Length} log entries were captured: the capture is not working");
        Assert.Contains(logged, l => l.Contains("fal", StringComparison.OrdinalIgnoreCase));
        string[] capabilities = [token, token.Split('.')[2], "X-Amz-Signature=", "&t="];
        var secrets = SecretsInLogsFixture.Secrets.Concat(capabilities);
        foreach (var secret in secrets)
        {
            var leaks = logged.Where(l => l.Contains(secret, StringComparison.Ordinal)).Take(3).ToList();
            Assert.True(leaks.Count == 0, $"a secret was logged:\n{string.Join("\n", leaks)}");
        }
    }

    private async Task<string> StartFrameAsync(string user)
    {
        var assets = fixture.Host.Services.GetRequiredService<IAssetStore>();
        using var content = new MemoryStream(Characters.Photos.Png(1, 1280, 720));
        var stored = await assets.PutAsync(AssetKeys.Upload(user, Guid.NewGuid().ToString("N"), "frame.png"), content, AssetContentTypes.Png);
        return (await assets.GetDownloadUrlAsync(stored.Key)).Url.ToString();
    }
}

/// <summary>A dev host whose every secret is a distinctive value and whose logs are all captured, at Trace.</summary>
public sealed class SecretsInLogsFixture : DevHostFixture
{
    private const string FalKey = "fal-key-0f6c2e1d9b8a47c3a5e4d3c2b1a09f8e";
    private const string WaveSpeedKey = "ws-key-7a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private const string XaiKey = "xai-key-93d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4";
    private const string WaveSpeedWebhookSecret = "whsec_logs-test-5e4d3c2b1a0f9e8d7c6b5a4f";
    private const string WebhookSigningKey = "natak-webhook-signing-key-for-the-log-test-3b2a1f0e";
    private const string R2Secret = "r2-secret-2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f";

    public static IReadOnlyList<string> Secrets { get; } = [FalKey, WaveSpeedKey, XaiKey, WaveSpeedWebhookSecret, WebhookSigningKey, R2Secret];

    public ConcurrentQueue<string> Captured { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Captured));

    protected override SimulatorOptions SimulatorOptions()
    {
        var options = base.SimulatorOptions();
        options.ApiKeys = [FalKey, WaveSpeedKey, XaiKey];
        options.WaveSpeedWebhookSecret = WaveSpeedWebhookSecret;
        return options;
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings().Where(s => !s.Key.StartsWith("Logging:", StringComparison.Ordinal) && s.Key != "R2_SECRET_ACCESS_KEY"),
        new("Logging:LogLevel:Default", "Trace"),
        new("Logging:LogLevel:System.Net.Http.HttpClient", "Trace"),
        new("Logging:LogLevel:Polly", "Trace"),
        new("Providers:Fal:ApiKey", FalKey),
        new("Providers:WaveSpeed:ApiKey", WaveSpeedKey),
        new("Providers:Xai:ApiKey", XaiKey),
        new("Natak:WebhookSigningKey", WebhookSigningKey),
        new("R2_SECRET_ACCESS_KEY", R2Secret),
    ];
}

[CollectionDefinition(Name)]
public sealed class SecretsInLogsCollection : ICollectionFixture<SecretsInLogsFixture>
{
    public const string Name = "secrets in logs";
}
