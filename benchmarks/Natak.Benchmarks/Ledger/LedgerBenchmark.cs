using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.InteropServices;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Natak.Tables.Credits;
using Natak.Testing;

namespace Natak.Benchmarks.Ledger;

/// <summary>
/// The credit ledger against Azurite: reserve + capture throughput and latency on one hot account (one host,
/// then several hosts contending through If-Match), on many accounts, and the reservation race.
/// Options: <c>--seconds</c> per scenario (10), <c>--workers</c> (16), <c>--hosts</c> (8), <c>--accounts</c> (256),
/// <c>--race</c> tasks (200), <c>--balance</c> (1000), <c>--cost</c> (7).
/// </summary>
internal sealed class LedgerBenchmark : IBenchmark
{
    public string Name => "ledger";

    public string Description => "credit ledger on Azurite: reserve/capture throughput and latency, and the reservation race";

    public async Task RunAsync(BenchmarkArgs args, TextWriter output, CancellationToken cancellationToken)
    {
        var duration = TimeSpan.FromSeconds(args.Int("seconds", 10));
        var workers = args.Int("workers", 16);
        var hosts = args.Int("hosts", 8);
        var accounts = args.Int("accounts", 256);
        var raceTasks = args.Int("race", 200);
        var raceBalance = args.Int("balance", 1000);
        var raceCost = args.Int("cost", 7);

        var fromEnvironment = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NATAK_TEST_STORAGE"));
        var tables = new TableServiceClient(await LocalServices.StorageConnectionStringAsync());
        var ledgerOptions = new CreditLedgerOptions { TableName = Unique.Name("benchledger"), HoldExpiryTableName = Unique.Name("benchexpiry") };
        ledgerOptions.MaxAttempts = args.Int("attempts", ledgerOptions.MaxAttempts);
        ledgerOptions.RetryMaxDelay = TimeSpan.FromMilliseconds(args.Int("max-delay-ms", (int)ledgerOptions.RetryMaxDelay.TotalMilliseconds));
        var options = Options.Create(ledgerOptions);
        using var retries = new RetryCounter();

        output.WriteLine($"# ledger benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}");
        output.WriteLine($"load average at start: {LoadAverage()}");
        output.WriteLine($"storage: Azurite ({(fromEnvironment ? "NATAK_TEST_STORAGE" : "started in memory by the harness")}) on loopback");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ledger: MaxAttempts {ledgerOptions.MaxAttempts}, back-off {ledgerOptions.RetryBaseDelay.TotalMilliseconds:F0}..{ledgerOptions.RetryMaxDelay.TotalMilliseconds:F0} ms (full jitter)"));
        output.WriteLine($"scenarios: {duration.TotalSeconds:F0} s each, {workers} concurrent workers, each op = one ledger call (reserve 1 credit, then capture it)");
        output.WriteLine();

        var ledger = new CreditLedger(tables, options);
        await ledger.CreditAsync("warmup", 1_000, CreditKind.Grant, "grant:warmup", "bench", cancellationToken: cancellationToken);
        await RunScenarioAsync("warm-up (discarded)", [ledger], ["warmup"], workers: 2, TimeSpan.FromSeconds(2), retries, TextWriter.Null, cancellationToken);

        await FundAsync(ledger, ["solo", "hot"], 100_000_000, cancellationToken);
        await BaselineAsync(ledger, workers, duration, output, cancellationToken);
        await RunScenarioAsync("one account, 1 worker (latency without queueing)", [ledger], ["solo"], workers: 1, duration, retries, output, cancellationToken);
        await RunScenarioAsync("hot account, 1 host", [ledger], ["hot"], workers, duration, retries, output, cancellationToken);

        var many = Enumerable.Range(0, hosts).Select(_ => new CreditLedger(tables, options)).ToArray();
        await RunScenarioAsync($"hot account, {hosts} hosts", many, ["hot"], workers, duration, retries, output, cancellationToken);

        var users = Enumerable.Range(0, accounts).Select(i => "acct" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        await FundAsync(ledger, users, 100_000_000, cancellationToken);
        await RunScenarioAsync($"{accounts} accounts, 1 host", [ledger], users, workers, duration, retries, output, cancellationToken);

        await RaceAsync(tables, options, raceTasks, raceBalance, raceCost, hostCount: 1, retries, output, cancellationToken);
        await RaceAsync(tables, options, raceTasks, raceBalance, raceCost, hostCount: raceTasks, retries, output, cancellationToken);
        output.WriteLine($"load average at end: {LoadAverage()}");
    }

    // The machine is shared: the load around a run says how much of it the figures had.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static async Task FundAsync(CreditLedger ledger, string[] users, long amount, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (user, ct) =>
            await ledger.CreditAsync(user, amount, CreditKind.Grant, "grant:bench-" + user, "bench", cancellationToken: ct));

    /// <summary>What the store itself serves: single-entity reads, the cheapest request a ledger call makes (it makes 4–5).</summary>
    private static async Task BaselineAsync(CreditLedger ledger, int workers, TimeSpan duration, TextWriter output, CancellationToken cancellationToken)
    {
        var reads = new LatencyRecorder();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                await reads.TimeAsync(() => ledger.GetBalanceAsync("hot", cancellationToken));
            }
        }));

        output.WriteLine($"## baseline: point reads of one row ({workers} workers)");
        output.WriteLine($"  read     {reads.Summary(clock.Elapsed)}");
        output.WriteLine();
    }

    private static async Task RunScenarioAsync(
        string title, CreditLedger[] hosts, string[] users, int workers, TimeSpan duration, RetryCounter retries, TextWriter output, CancellationToken cancellationToken)
    {
        var reserve = new LatencyRecorder();
        var capture = new LatencyRecorder();
        var failures = 0;
        var run = Guid.NewGuid().ToString("N")[..8];
        retries.Reset();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            var ledger = hosts[worker % hosts.Length];
            for (var i = 0; clock.Elapsed < duration && !cancellationToken.IsCancellationRequested; i++)
            {
                var user = users[Random.Shared.Next(users.Length)];
                var hold = $"{run}-{worker}-{i}";
                try
                {
                    var reserved = await reserve.TimeAsync(() => ledger.ReserveAsync(user, hold, 1, "job-" + hold, DateTimeOffset.UtcNow.AddHours(1), "hold:" + hold, cancellationToken));
                    var captured = await capture.TimeAsync(() => ledger.CaptureAsync(user, hold, 1, "capture:" + hold, cancellationToken: cancellationToken));
                    if (!reserved.IsApplied || !captured.IsApplied)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
                catch (LedgerRetryExhaustedException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));

        var elapsed = clock.Elapsed;
        output.WriteLine($"## {title}");
        output.WriteLine($"  reserve  {reserve.Summary(elapsed)}");
        output.WriteLine($"  capture  {capture.Summary(elapsed)}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  total    {reserve.Count + capture.Count,7} ops {(reserve.Count + capture.Count) / elapsed.TotalSeconds,8:F1} ops/s   conflict/ambiguous retries {retries.Value}   not applied {failures}"));
        output.WriteLine();
    }

    private static async Task RaceAsync(
        TableServiceClient tables, IOptions<CreditLedgerOptions> options, int tasks, long balance, long cost, int hostCount, RetryCounter retries, TextWriter output, CancellationToken cancellationToken)
    {
        var user = "race-" + Guid.NewGuid().ToString("N")[..8];
        var hosts = Enumerable.Range(0, hostCount).Select(_ => new CreditLedger(tables, options)).ToArray();
        await FundAsync(hosts[0], [user], balance, cancellationToken);
        retries.Reset();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        var racers = Enumerable.Range(0, tasks).Select(async i =>
        {
            await start.Task;
            try
            {
                return await hosts[i % hosts.Length].ReserveAsync(user, $"h{i}", cost, $"job{i}", expires, $"hold:job{i}", cancellationToken);
            }
            catch (LedgerRetryExhaustedException)
            {
                return null;
            }
        }).ToArray();
        var clock = Stopwatch.StartNew();
        start.SetResult();
        var results = await Task.WhenAll(racers);
        var elapsed = clock.Elapsed;

        var final = await hosts[0].GetBalanceAsync(user, cancellationToken);
        var successes = results.Count(r => r is { IsApplied: true });
        var insufficient = results.Count(r => r is LedgerResult.InsufficientCredits);
        var gaveUp = results.Count(r => r is null);
        output.WriteLine($"## race: {tasks} parallel reservations on {hostCount} host(s)");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  N={tasks} B={balance} x={cost}: successes {successes} (expected min(N, floor(B/x)) = {Math.Min(tasks, balance / cost)}), insufficient {insufficient}, gave up {gaveUp}, in {elapsed.TotalMilliseconds:F0} ms, retries {retries.Value}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  final: balance {final.Balance}, reserved {final.Reserved}, available {final.Available}; overdraft: {(final.DebitsPosted + final.DebitsPending > final.CreditsPosted ? "YES" : "no")}"));
        output.WriteLine();
    }

    /// <summary>Counts the ledger's repeated write attempts through its meter.</summary>
    private sealed class RetryCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _value;

        public RetryCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Natak.Tables" && instrument.Name == "natak.ledger.write.retries")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, measurement, _, _) => Interlocked.Add(ref _value, measurement));
            _listener.Start();
        }

        public long Value => Interlocked.Read(ref _value);

        public void Reset() => Interlocked.Exchange(ref _value, 0);

        public void Dispose() => _listener.Dispose();
    }
}
