using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Natak.Api.Auth;
using Natak.Simulator;
using Natak.Testing;

namespace Natak.Benchmarks.Burst;

/// <summary>
/// N image jobs started at once by M users against the dev host (a separate process, Azure Storage durable backend on
/// Azurite, R2 on s3rver, both behind a counting proxy) with the provider simulator at a fixed latency. Prints jobs/s,
/// job latency percentiles, the median as a share of the burst's wall time, storage requests per job by service (idle
/// polling and the benchmark's own status reads subtracted), the dev host's and Azurite's CPU-seconds per job; checks
/// that every job succeeded, that each was charged exactly its quote, that no credits stay held, and that the provider
/// accepted exactly one submit per paid step.
/// </summary>
internal sealed class BurstBenchmark : IBenchmark
{
    private const long CreditsPerUser = 100_000;
    private static readonly string[] Services = ["queue", "table", "blob", "r2"];

    public string Name => "burst";

    public string Description => "N image jobs at once from M users on the dev host process: throughput, latency, storage requests and CPU per job";

    public async Task RunAsync(BenchmarkArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var options = BurstOptions.From(args);
        // The in-process simulator and proxy read this harness's appsettings (the dev host's, copied here): keep them quiet.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        var commandLine = "dotnet run -c Release --project benchmarks/Natak.Benchmarks -- burst " + string.Join(' ', Environment.GetCommandLineArgs().Skip(2));

        await using var stack = await BurstStack.StartAsync(options, cancellationToken);
        try
        {
            await RunAsync(stack, options, commandLine, output, cancellationToken);
        }
        catch (Exception)
        {
            output.WriteLine("dev host output:\n" + stack.DevHostOutput);
            throw;
        }
    }

    private static async Task RunAsync(BurstStack stack, BurstOptions options, string commandLine, TextWriter output, CancellationToken cancellationToken)
    {
        var api = stack.Api;
        var users = Enumerable.Range(1, options.Users).Select(i => $"burst-{stack.RunId}-{i}").ToList();
        foreach (var user in users)
        {
            await api.GrantAsync(user, CreditsPerUser, cancellationToken);
        }

        var request = options.Request();
        var quoted = await api.QuoteAsync(users[0], request, cancellationToken);
        var stepsPerJob = options.PaidStepsPerJob;

        output.WriteLine($"# burst benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine($"command: {commandLine}");
        output.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        output.WriteLine($"load average at start: {LoadAverage()}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dev host: separate process ({stack.DevHostBuild}), durable Azure Storage backend on Azurite; R2 on s3rver; both behind a counting proxy; simulator in the benchmark process, latency {options.Latency.TotalMilliseconds:F0} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"job: {options.Kind} image ({stepsPerJob} paid steps, {quoted} credits); {options.Jobs} jobs from {options.Users} users at once; clients poll GET /api/jobs/{{id}} every {options.Poll.TotalMilliseconds:F0} ms"));
        if (options.Faults.Count > 0)
        {
            output.WriteLine("faults: " + string.Join("; ", options.Faults));
        }

        output.WriteLine();

        // Warm-up (JIT, tables, queues, the first lease), then single jobs one at a time.
        var everyJob = new List<JobRun> { await new JobRunner(api, users[0], request, TimeSpan.FromMilliseconds(20)).RunAsync(cancellationToken) };
        var singles = new List<double>();
        for (var i = 0; i < options.SingleRuns; i++)
        {
            var single = await new JobRunner(api, users[i % users.Count], request, TimeSpan.FromMilliseconds(20)).RunAsync(cancellationToken);
            everyJob.Add(single);
            singles.Add(single.Latency.TotalSeconds);
        }

        var idle = await stack.MeasureIdleAsync(options.Idle, cancellationToken);
        var pollCost = await stack.MeasurePollCostAsync(users[0], everyJob[0].JobId, cancellationToken);

        stack.ApplyFaults(options);
        var before = stack.Proxy.Snapshot();
        var cpuBefore = stack.CpuSeconds();
        var submitsBefore = stack.Simulator.Control.Calls(operation: SimulatorOperation.Submit).Count(c => c.StatusCode == 200);
        var wall = Stopwatch.StartNew();
        if (options.R2Outage > TimeSpan.Zero)
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(options.R2OutageAt, cancellationToken);
                stack.Proxy.Outage("r2", DateTimeOffset.UtcNow + options.R2Outage);
            }, cancellationToken);
        }

        // The machine's work split at the moment the last start is answered: how much of the burst the starts took.
        var answered = 0;
        (double DevHost, double Azurite)? cpuAtStarts = null;
        var finishedAtStarts = 0;
        var finishedCount = 0;
        void StartAnswered()
        {
            if (Interlocked.Increment(ref answered) == options.Jobs)
            {
                cpuAtStarts = stack.CpuSeconds();
                finishedAtStarts = Volatile.Read(ref finishedCount);
            }
        }

        void Finished() => Interlocked.Increment(ref finishedCount);
        var runs = Enumerable.Range(0, options.Jobs)
            .Select(i => new JobRunner(api, users[i % users.Count], request, options.Poll, StartAnswered, Finished).RunAsync(cancellationToken))
            .ToList();
        var results = await Task.WhenAll(runs);
        wall.Stop();
        everyJob.AddRange(results);
        var cpuAfter = stack.CpuSeconds();
        var after = stack.Proxy.Snapshot();
        stack.Simulator.Control.ClearFaults();
        var submits = stack.Simulator.Control.Calls(operation: SimulatorOperation.Submit).Count(c => c.StatusCode == 200) - submitsBefore;

        var latencies = results.Select(r => r.Latency.TotalSeconds).Order().ToList();
        double Percentile(double p) => latencies[Math.Clamp((int)Math.Ceiling(p / 100 * latencies.Count) - 1, 0, latencies.Count - 1)];
        var succeeded = results.Count(r => r.Status == "succeeded");
        var polls = results.Sum(r => r.Polls);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"one {options.Kind} job alone (median of {singles.Count}): {Median(singles):F3} s   (runs: {string.Join(", ", singles.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"burst of {options.Jobs}: wall {wall.Elapsed.TotalSeconds:F2} s   {options.Jobs / wall.Elapsed.TotalSeconds:F2} jobs/s   latency p50 {Percentile(50):F2} s  p95 {Percentile(95):F2} s  p99 {Percentile(99):F2} s   median = {Percentile(50) / wall.Elapsed.TotalSeconds:F2} x wall"));
        var failures = string.Join(", ", results.Where(r => r.Status != "succeeded").GroupBy(r => r.Error).Select(g => $"{g.Count()} x {g.Key}"));
        output.WriteLine($"succeeded {succeeded}/{options.Jobs}" + (failures.Length > 0 ? "   not succeeded: " + failures : string.Empty));
        var accepted = results.Select(r => r.Accepted.TotalSeconds).Order().ToList();
        var finished = latencies;
        string At(List<double> sorted, int share) => sorted[Math.Clamp((int)Math.Ceiling(share / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)].ToString("F2", CultureInfo.InvariantCulture);
        output.WriteLine($"starts answered: half by {At(accepted, 50)} s, all by {At(accepted, 100)} s   jobs seen finished: 10% by {At(finished, 10)} s, 25% by {At(finished, 25)} s, 50% by {At(finished, 50)} s, 75% by {At(finished, 75)} s");
        if (cpuAtStarts is { } atStarts)
        {
            var burstCpu = (cpuAfter.DevHost - cpuBefore.DevHost) + (cpuAfter.Azurite - cpuBefore.Azurite);
            var byStarts = (atStarts.DevHost - cpuBefore.DevHost) + (atStarts.Azurite - cpuBefore.Azurite);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"when the last start was answered: {finishedAtStarts} jobs finished, {byStarts:F1} of the burst's {burstCpu:F1} CPU-seconds (dev host + Azurite) spent ({byStarts / burstCpu:P0})"));
        }

        var unavailable = results.Sum(r => r.UnavailablePolls);
        output.WriteLine($"status reads: {polls} ({results.Sum(r => r.QueuedPolls)} of them of a queued job)" + (unavailable > 0 ? $"; {unavailable} answered 503 and read again" : string.Empty));
        output.WriteLine();

        output.WriteLine("storage requests per job (idle polling and the benchmark's status reads subtracted):");
        var seconds = wall.Elapsed.TotalSeconds;
        double total = 0;
        foreach (var service in Services)
        {
            var delta = Sum(after, service) - Sum(before, service);
            var perJob = (delta - (idle.GetValueOrDefault(service) * seconds) - (pollCost.GetValueOrDefault(service) * polls)) / options.Jobs;
            total += perJob;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {service,-6} {perJob,7:F1}   (raw {delta} in the burst; idle {idle.GetValueOrDefault(service):F1}/s; one status read {pollCost.GetValueOrDefault(service):F2}; {polls} reads)"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  total  {total,7:F1}"));
        output.WriteLine("where they went (raw per job, largest first):");
        foreach (var ((service, category), count) in after
                     .Select(p => (p.Key, Count: p.Value - before.GetValueOrDefault(p.Key)))
                     .Where(p => p.Count > 0)
                     .OrderByDescending(p => p.Count)
                     .Take(options.TopCategories)
                     .Select(p => (p.Key, p.Count)))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count / (double)options.Jobs,7:F2}  {service,-5} {category}"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU-seconds per job: dev host {(cpuAfter.DevHost - cpuBefore.DevHost) / options.Jobs:F3}, Azurite {(cpuAfter.Azurite - cpuBefore.Azurite) / options.Jobs:F3} (burst: dev host {cpuAfter.DevHost - cpuBefore.DevHost:F1} s, Azurite {cpuAfter.Azurite - cpuBefore.Azurite:F1} s over {seconds:F1} s wall)"));

        var problems = new List<string>();
        if (succeeded != options.Jobs)
        {
            problems.Add($"{options.Jobs - succeeded} jobs did not succeed");
        }

        problems.AddRange(everyJob.Where(r => r.Charged != (r.Status == "succeeded" ? quoted : 0)).Select(r => $"job {r.JobId} ({r.Status}) charged {r.Charged}, quoted {quoted}"));
        foreach (var user in users)
        {
            var credits = await api.CreditsAsync(user, cancellationToken);
            var charged = everyJob.Where(r => r.User == user).Sum(r => r.Charged);
            if (credits.Reserved != 0)
            {
                problems.Add($"{user} still has {credits.Reserved} credits held");
            }

            if (credits.Balance != CreditsPerUser - charged)
            {
                problems.Add($"{user}: balance {credits.Balance}, but the grant minus what its jobs report charged is {CreditsPerUser - charged}");
            }
        }

        var expectedSubmits = (long)succeeded * stepsPerJob;
        if (submits != expectedSubmits)
        {
            problems.Add($"the provider accepted {submits} submits for {succeeded} jobs of {stepsPerJob} paid steps (expected {expectedSubmits})");
        }

        output.WriteLine(problems.Count == 0
            ? $"checks: every job succeeded; each charged its quote ({quoted}); no credits held; ledger balances exact; {submits} accepted submits = jobs x paid steps"
            : "CHECKS FAILED:\n  " + string.Join("\n  ", problems));
        output.WriteLine($"load average at end: {LoadAverage()}");
        if (problems.Count > 0)
        {
            Environment.ExitCode = 1;
        }
    }

    private static long Sum(Dictionary<(string Service, string Category), long> counts, string service) =>
        counts.Where(p => p.Key.Service == service && p.Key.Category != "refused during outage").Sum(p => p.Value);

    private static double Median(List<double> values) => values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
