using System.Globalization;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Natak.Testing;

namespace Natak.EndToEnd.Tests.Infrastructure;

/// <summary>The dev host as a separate OS process (for crash tests), with fixed ports so a restart finds the same state.</summary>
public sealed class DevHostProcess : IDisposable
{
    private readonly ChildProcess _process;

    private DevHostProcess(ChildProcess process, int apiPort, int grpcPort)
    {
        _process = process;
        BaseUrl = new Uri($"http://127.0.0.1:{apiPort}");
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
    }

    public Uri BaseUrl { get; }

    public Uri GrpcAddress { get; }

    public string Output => _process.Output;

    /// <param name="settings">More environment variables (an external simulator's endpoints, limits).</param>
    public static async Task<DevHostProcess> StartAsync(string storageConnectionString, string s3ServiceUrl, string taskHub, int apiPort, int grpcPort,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var dll = Path.Combine(RepoPaths.Root, "src", "Natak.DevHost", "bin", BuildConfiguration, "net10.0", "Natak.DevHost.dll");
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["Durable__TaskHubName"] = taskHub,
            ["Durable__GrpcPort"] = grpcPort.ToString(CultureInfo.InvariantCulture),
            ["Urls"] = $"http://127.0.0.1:{apiPort}",
            ["Simulator__Port"] = "0",
            ["R2_ENDPOINT"] = s3ServiceUrl,
            ["R2_ACCESS_KEY_ID"] = LocalServices.S3AccessKey,
            ["R2_SECRET_ACCESS_KEY"] = LocalServices.S3SecretKey,
            ["R2_BUCKET"] = LocalServices.S3Bucket,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        var process = new ChildProcess("dotnet", [dll], environment: environment);
        var host = new DevHostProcess(process, apiPort, grpcPort);
        await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        return host;
    }

    /// <summary>A Durable client speaking gRPC to this process's sidecar, as an operator's tool would.</summary>
    public DurableTaskClient CreateDurableClient()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDurableTaskClient(builder =>
        {
            builder.UseGrpc(GrpcChannel.ForAddress(GrpcAddress));
            builder.RegisterDirectly();
        });
        return services.BuildServiceProvider().GetRequiredService<DurableTaskClient>();
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — what a crash or an OOM kill does.</summary>
    public void Kill() => _process.Kill();

    public void Dispose() => _process.Dispose();

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("The dev host exited during start-up:\n" + _process.Output);
            }

            try
            {
                if ((await http.GetAsync("/api/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow start
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The dev host did not become healthy:\n" + _process.Output);
    }

    private static string BuildConfiguration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
}
