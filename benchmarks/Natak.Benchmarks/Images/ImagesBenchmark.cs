using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Natak.Api.Auth;
using Natak.DevHost;
using Natak.Simulator;
using Natak.Tables.Credits;
using Natak.Testing;

namespace Natak.Benchmarks.Images;

/// <summary>
/// A batch of images against one image, and against the same images ordered one after another: the dev host
/// (in-process, Azure Storage durable backend on Azurite, R2 on s3rver) with the provider simulator answering
/// every generation after a fixed latency. Options: <c>--count</c> images in the batch (16), <c>--latency-ms</c>
/// per generation (2000), <c>--provider-concurrency</c> (the simulator's per-key limit; 0 = unlimited, default =
/// count), <c>--runs</c> of the single image and of the batch (3; the median is reported).
/// </summary>
internal sealed class ImagesBenchmark : IBenchmark
{
    public string Name => "images";

    public string Description => "image batches on the dev host with the simulator: batch vs one image vs the same images one after another";

    public async Task RunAsync(BenchmarkArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var count = args.Int("count", 16);
        var latency = TimeSpan.FromMilliseconds(args.Int("latency-ms", 2000));
        var providerConcurrency = args.Int("provider-concurrency", count);
        var runs = args.Int("runs", 3);

        var polling = TimeSpan.FromMilliseconds(args.Int("queue-polling-ms", 500));
        await using var host = await StartHostAsync(count, latency, providerConcurrency, polling, cancellationToken);
        var user = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var ledger = host.Services.GetRequiredService<ICreditLedger>();
        await ledger.CreditAsync(user, 1_000_000, CreditKind.Grant, "grant:" + user, "bench", cancellationToken: cancellationToken);
        using var api = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(100) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            DevTokens.Mint(new AuthOptions { SigningKey = DevTokens.DevelopmentSigningKey }, user, admin: false, TimeSpan.FromHours(2), DateTimeOffset.UtcNow));

        output.WriteLine($"# images benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        output.WriteLine($"load average at start: {LoadAverage()}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dev host in-process (durable: Azure Storage on Azurite; R2: s3rver); simulator latency {latency.TotalMilliseconds:F0} ms per generation, provider concurrency {(providerConcurrency == 0 ? "unlimited" : providerConcurrency.ToString(CultureInfo.InvariantCulture))}; batch fan-out bound {count}"));
        output.WriteLine("each figure: POST /api/images until GET /api/jobs/{id} reports succeeded (polled every 50 ms); z-image-turbo 1024x1024, prompt given");
        output.WriteLine();

        await TimeJobAsync(api, 1, cancellationToken); // warm-up: JIT, tables, queues
        var ones = await RepeatAsync(runs, () => TimeJobAsync(api, 1, cancellationToken));
        var batches = await RepeatAsync(runs, () => TimeJobAsync(api, count, cancellationToken));
        var (one, batch) = (ones.Median, batches.Median);
        var sequential = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await TimeJobAsync(api, 1, cancellationToken);
        }

        sequential.Stop();
        var timeline = await TimelineAsync(api, host, count, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one image (median of {runs}):                 {one.TotalSeconds,7:F2} s   ({ones})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batch of {count} (median of {runs}):            {batch.TotalSeconds,7:F2} s   = {batch / one,5:F2} x one image   ({batches})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} single-image jobs one after another: {sequential.Elapsed.TotalSeconds,7:F2} s   = {sequential.Elapsed / batch,5:F2} x the batch"));
        output.WriteLine();
        output.WriteLine("where a batch's time goes (one more batch; seconds after the POST):");
        output.WriteLine(timeline);
        output.WriteLine($"load average at end: {LoadAverage()}");
    }

    /// <summary>When the simulator saw the batch's submits, sent its webhooks and served its results, and when the API reported it done.</summary>
    private static async Task<string> TimelineAsync(HttpClient api, DevHostApp host, int count, CancellationToken cancellationToken)
    {
        var control = host.Simulator!.Control;
        control.ClearCalls();
        var posted = DateTimeOffset.UtcNow;
        var total = await TimeJobAsync(api, count, cancellationToken);
        var calls = control.Calls(SimulatorProvider.Fal);
        string Span(SimulatorOperation operation)
        {
            var at = calls.Where(c => c.Operation == operation).Select(c => (c.At - posted).TotalSeconds).Order().ToList();
            return at.Count == 0 ? "none" : string.Create(CultureInfo.InvariantCulture, $"{at.Count,2} between {at[0],5:F2} and {at[^1],5:F2}");
        }

        return string.Join(Environment.NewLine,
            $"  submits  {Span(SimulatorOperation.Submit)}",
            $"  webhooks {Span(SimulatorOperation.Webhook)}",
            $"  results  {Span(SimulatorOperation.Result)}",
            string.Create(CultureInfo.InvariantCulture, $"  done at  {total.TotalSeconds,5:F2}"));
    }

    private static async Task<DevHostApp> StartHostAsync(int count, TimeSpan latency, int providerConcurrency, TimeSpan polling, CancellationToken cancellationToken)
    {
        var storage = await LocalServices.StorageConnectionStringAsync();
        var s3 = await LocalServices.S3ServiceUrlAsync();
        var port = FreePort.Next();
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Natak:PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["Simulator:Port"] = "0",
            ["Simulator:DefaultLatency"] = latency.ToString("c", CultureInfo.InvariantCulture),
            ["Simulator:ConcurrencyLimit"] = providerConcurrency.ToString(CultureInfo.InvariantCulture),
            ["Pipelines:Timings:MaxParallelOutputs"] = count.ToString(CultureInfo.InvariantCulture),
            // The catalogue allows batches of 8; the benchmark's batch size is a setting, like any catalogue limit.
            ["Pricing:CatalogPatch"] = new JsonObject
            {
                ["models"] = new JsonObject { ["z-image-turbo"] = new JsonObject { ["parameters"] = new JsonObject { ["maxCount"] = Math.Max(8, count) } } },
            }.ToJsonString(),
            ["AzureWebJobsStorage"] = storage,
            ["Durable:TaskHubName"] = Unique.Name("benchimages"),
            ["Durable:MaxQueuePollingInterval"] = polling.ToString("c", CultureInfo.InvariantCulture),
            ["R2_ENDPOINT"] = s3,
            ["R2_ACCESS_KEY_ID"] = LocalServices.S3AccessKey,
            ["R2_SECRET_ACCESS_KEY"] = LocalServices.S3SecretKey,
            ["R2_BUCKET"] = LocalServices.S3Bucket,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Natak"] = "Warning",
            // A webhook ends a provider wait before its poll timer fires; the timer's message still arrives later and is discarded with a warning.
            ["Logging:LogLevel:DurableTask.AzureStorage"] = "Error",
        };
        return await DevHostApp.StartAsync([], configuration => configuration.AddInMemoryCollection(settings), cancellationToken: cancellationToken);
    }

    private static async Task<TimeSpan> TimeJobAsync(HttpClient api, int count, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        using var response = await api.PostAsJsonAsync("/api/images", new { prompt = "a lighthouse at dawn", count, width = 1024, height = 1024 }, cancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"start refused: {(int)response.StatusCode} {body.ToJsonString()}");
        }

        var jobId = (string)body["jobId"]!;
        while (true)
        {
            var job = JsonNode.Parse(await api.GetStringAsync("/api/jobs/" + jobId, cancellationToken))!;
            switch ((string?)job["status"])
            {
                case "succeeded" when job["result"]!["images"]!.AsArray().Count == count:
                    return started.Elapsed;
                case "succeeded" or "failed" or "cancelled":
                    throw new InvalidOperationException("the job did not deliver every image: " + job.ToJsonString());
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static async Task<Runs> RepeatAsync(int runs, Func<Task<TimeSpan>> run)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            times.Add(await run());
        }

        return new Runs(times);
    }

    /// <summary>Repeated timings: the median is reported, every run is shown (the machine is shared; the spread says how much).</summary>
    private sealed record Runs(IReadOnlyList<TimeSpan> Times)
    {
        public TimeSpan Median => Times.Order().ElementAt(Times.Count / 2);

        public override string ToString() =>
            "runs: " + string.Join(", ", Times.Select(t => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)));
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
