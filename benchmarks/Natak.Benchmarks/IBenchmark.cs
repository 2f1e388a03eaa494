namespace Natak.Benchmarks;

/// <summary>One subcommand of the harness: <c>dotnet run -c Release --project benchmarks/Natak.Benchmarks -- {Name}</c>.</summary>
internal interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task RunAsync(BenchmarkArgs args, TextWriter output, CancellationToken cancellationToken);
}
