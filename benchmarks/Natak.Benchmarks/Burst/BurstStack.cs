using System.Diagnostics;
using System.Globalization;
using Natak.Simulator;
using Natak.Testing;

namespace Natak.Benchmarks.Burst;

/// <summary>
/// What the burst runs against, all on loopback: an Azurite and an s3rver of its own behind a <see cref="CountingProxy"/>,
/// the provider simulator in this process, and the dev host as a separate process (so its CPU time is its own).
/// </summary>
internal sealed class BurstStack : IAsyncDisposable
{
    private readonly AzuriteInstance _azurite;
    private readonly ChildProcess _s3rver;
    private readonly ChildProcess _devHost;

    private BurstStack(AzuriteInstance azurite, ChildProcess s3rver, CountingProxy proxy, SimulatorServer simulator, ChildProcess devHost, BurstApi api, string runId, string build)
    {
        _azurite = azurite;
        _s3rver = s3rver;
        Proxy = proxy;
        Simulator = simulator;
        _devHost = devHost;
        Api = api;
        RunId = runId;
        DevHostBuild = build;
    }

    public CountingProxy Proxy { get; }

    public SimulatorServer Simulator { get; }

    public BurstApi Api { get; }

    public string RunId { get; }

    public string DevHostBuild { get; }

    /// <summary>What the dev host has printed (its warnings and errors).</summary>
    public string DevHostOutput => _devHost.Output;

    public static async Task<BurstStack> StartAsync(BurstOptions options, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid().ToString("N")[..6];
        var azurite = await LocalServices.StartAzuriteAsync();
        var (s3rver, s3Url) = await LocalServices.StartS3rverAsync("natak-burst");
        var proxy = await CountingProxy.StartAsync(new Dictionary<string, Uri>
        {
            ["blob"] = new($"http://127.0.0.1:{azurite.BlobPort}"),
            ["queue"] = new($"http://127.0.0.1:{azurite.QueuePort}"),
            ["table"] = new($"http://127.0.0.1:{azurite.TablePort}"),
            ["r2"] = new(s3Url),
        });
        var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            DefaultLatency = options.Latency,
            QueueTime = TimeSpan.Zero,
            WebhookInitialBackoff = TimeSpan.FromMilliseconds(200),
        }, cancellationToken);

        var apiPort = FreePort.Next();
        var (dll, build) = DevHostDll();
        var storage = LocalServices.AzuriteConnectionString(Port(proxy, "blob"), Port(proxy, "queue"), Port(proxy, "table"));
        var endpoints = simulator.Endpoints;
        var devHost = new ChildProcess("dotnet", [dll], environment: new Dictionary<string, string?>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["AzureWebJobsStorage"] = storage,
            ["Durable__TaskHubName"] = "burst" + runId,
            ["Urls"] = $"http://127.0.0.1:{apiPort}",
            ["Natak__PublicBaseUrl"] = $"http://127.0.0.1:{apiPort}",
            ["FAL_KEY"] = "burst-benchmark",
            ["WAVESPEED_KEY"] = "burst-benchmark",
            ["GROK_API_KEY"] = "burst-benchmark",
            ["Providers__Fal__QueueBaseUrl"] = endpoints.FalQueueBaseUrl,
            ["Providers__Fal__JwksUrl"] = endpoints.FalJwksUrl,
            ["Providers__WaveSpeed__BaseUrl"] = endpoints.WaveSpeedBaseUrl,
            ["Providers__Xai__BaseUrl"] = endpoints.XaiBaseUrl,
            // Stripe too, so the dev host starts no simulator of its own (on a fixed port another run may hold).
            ["Payments__StripeApiBase"] = endpoints.StripeApiBaseUrl,
            ["STRIPE_SECRET_KEY"] = "sk_test_burst",
            ["STRIPE_WEBHOOK_SECRET"] = "whsec_burst",
            ["SafeFetch__AllowedDevelopmentHosts__0"] = "127.0.0.1",
            ["SafeFetch__AllowedDevelopmentHosts__1"] = "localhost",
            ["R2_ENDPOINT"] = proxy.AddressOf("r2").ToString().TrimEnd('/'),
            ["R2_ACCESS_KEY_ID"] = LocalServices.S3AccessKey,
            ["R2_SECRET_ACCESS_KEY"] = LocalServices.S3SecretKey,
            ["R2_BUCKET"] = "natak-burst",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__DurableTask.AzureStorage"] = "Error",
        });
        var api = new BurstApi(new Uri($"http://127.0.0.1:{apiPort}"));
        var stack = new BurstStack(azurite, s3rver, proxy, simulator, devHost, api, runId, build);
        await stack.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120), cancellationToken);
        return stack;
    }

    /// <summary>Requests per second by service while nothing runs (lease renewals, queue polling).</summary>
    public async Task<Dictionary<string, double>> MeasureIdleAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        // Let the last jobs' trailing messages (timers, discarded webhooks' timers) drain first.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var before = Proxy.Snapshot();
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration, cancellationToken);
        var after = Proxy.Snapshot();
        return Rates(before, after, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Storage requests of one status read of a finished job, by service (idle traffic during the reads subtracted).</summary>
    public async Task<Dictionary<string, double>> MeasurePollCostAsync(string user, string jobId, CancellationToken cancellationToken)
    {
        const int Reads = 40;
        var idle = await MeasureIdleAsync(TimeSpan.FromSeconds(2), cancellationToken);
        var before = Proxy.Snapshot();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Reads; i++)
        {
            await Api.GetJobAsync(user, jobId, cancellationToken);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var after = Proxy.Snapshot();
        return Rates(before, after, 1).ToDictionary(p => p.Key, p => Math.Max(0, (p.Value - (idle.GetValueOrDefault(p.Key) * seconds)) / Reads), StringComparer.Ordinal);
    }

    public void ApplyFaults(BurstOptions options)
    {
        var control = Simulator.Control;
        if (options.RefuseSubmitsPercent > 0)
        {
            var p = options.RefuseSubmitsPercent / 100.0;
            control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Submit, Kind = FaultKind.Http429, Probability = p / 2 });
            control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Submit, Kind = FaultKind.Http503, Probability = (p / 2) / (1 - (p / 2)) });
        }

        if (options.DropWebhooksPercent > 0)
        {
            control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Kind = FaultKind.DropWebhook, Probability = options.DropWebhooksPercent / 100.0 });
        }
    }

    /// <summary>CPU-seconds (user + system) used so far by the dev host and by Azurite.</summary>
    public (double DevHost, double Azurite) CpuSeconds() => (ProcessCpu(_devHost.Id), ProcessCpu(_azurite.Process.Id));

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        _devHost.Dispose();
        await Simulator.DisposeAsync();
        await Proxy.DisposeAsync();
        _s3rver.Dispose();
        _azurite.Process.Dispose();
    }

    private static Dictionary<string, double> Rates(Dictionary<(string Service, string Category), long> before, Dictionary<(string Service, string Category), long> after, double seconds) =>
        after.Where(p => p.Key.Category != "refused during outage")
            .GroupBy(p => p.Key.Service)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Value - before.GetValueOrDefault(p.Key)) / seconds, StringComparer.Ordinal);

    private static int Port(CountingProxy proxy, string service) => proxy.AddressOf(service).Port;

    /// <summary>The dev host built with the same configuration as this harness (a project reference builds it).</summary>
    private static (string Dll, string Build) DevHostDll()
    {
        var build = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepoPaths.Root, "src", "Natak.DevHost", "bin", build, "net10.0", "Natak.DevHost.dll");
        return File.Exists(dll) ? (dll, build) : throw new FileNotFoundException("Build the dev host first (dotnet build -c " + build + ").", dll);
    }

    private static double ProcessCpu(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[11] and [12] are utime and stime (the 14th and 15th of the whole line), in clock ticks.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        var url = new Uri(Api.BaseUrl, "/api/health");
        while (DateTime.UtcNow < deadline)
        {
            if (_devHost.HasExited)
            {
                throw new InvalidOperationException("The dev host exited during start-up:\n" + _devHost.Output);
            }

            try
            {
                if ((await http.GetAsync(url, cancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // slow start
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException("The dev host did not become healthy:\n" + _devHost.Output);
    }
}
