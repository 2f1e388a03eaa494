using Natak.Benchmarks;
using Natak.Benchmarks.Burst;
using Natak.Benchmarks.Images;
using Natak.Benchmarks.Ledger;

IBenchmark[] benchmarks = [new LedgerBenchmark(), new ImagesBenchmark(), new BurstBenchmark()];

var chosen = args.Length > 0 ? benchmarks.FirstOrDefault(b => string.Equals(b.Name, args[0], StringComparison.OrdinalIgnoreCase)) : null;
if (chosen is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks/Natak.Benchmarks -- <benchmark> [--option value ...]");
    foreach (var benchmark in benchmarks)
    {
        Console.Error.WriteLine($"  {benchmark.Name,-10} {benchmark.Description}");
    }

    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
await chosen.RunAsync(new BenchmarkArgs(args.Skip(1)), Console.Out, cancel.Token);
return 0;
