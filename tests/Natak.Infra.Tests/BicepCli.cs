using System.Diagnostics;
using System.Reflection;

namespace Natak.Infra.Tests;

/// <summary>Runs the Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64, tools/bicep).</summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<string> ExecutableLazy = new(Locate);

    public static string Executable => ExecutableLazy.Value;

    public static Task<BicepResult> RunAsync(params string[] arguments) => RunAsync(new Dictionary<string, string>(), arguments);

    /// <summary>Runs the CLI with <paramref name="environment"/> added to its environment (read by <c>readEnvironmentVariable</c>).</summary>
    public static async Task<BicepResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var psi = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Natak.Testing.RepoPaths.Root,
        };
        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + Executable);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}");
        }

        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        var packageDirectory = typeof(BicepCli).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepPackagePath")?.Value;
        if (string.IsNullOrEmpty(packageDirectory))
        {
            throw new InvalidOperationException(
                "The Azure.Bicep.CommandLine.linux-x64 package path is unknown; restore tests/Natak.Infra.Tests first.");
        }

        var executable = Path.Combine(packageDirectory, "tools", OperatingSystem.IsWindows() ? "bicep.exe" : "bicep");
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException("Bicep CLI not found; run dotnet restore.", executable);
        }

        if (!OperatingSystem.IsWindows())
        {
            // NuGet extracts package files without the execute bit for anyone but the extracting user.
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            var mode = File.GetUnixFileMode(executable);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(executable, mode | execute);
            }
        }

        return executable;
    }
}
