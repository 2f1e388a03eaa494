using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using Natak.Api.Http;
using Natak.Orchestrations;
using Natak.Testing;

namespace Natak.Functions.Tests;

/// <summary>
/// <c>dotnet publish</c> of the Functions app produces a deployable folder: its functions.metadata declares every
/// HTTP route (and the hold-sweep timer), host.json is there with the task hub from a setting, and the published
/// assemblies register every orchestrator and activity of the registry.
/// </summary>
public sealed class PublishOutputTests
{
    [Fact]
    public async Task The_published_app_declares_every_route_and_registers_every_durable_task()
    {
        var output = Directory.CreateTempSubdirectory("natak-publish-").FullName;
        try
        {
            var (exitCode, log) = await RunAsync("dotnet", "publish", Path.Combine(RepoPaths.Root, "src", "Natak.Functions"), "-c", "Release", "-o", output, "--nologo", "-v", "q");
            Assert.True(exitCode == 0, log);

            var metadata = FunctionsOutput.ReadMetadata(output);
            Assert.Equal(
                NatakRoutes.All.Select(r => (r.Name, r.Method, r.Template)).OrderBy(r => r.Name),
                FunctionsOutput.HttpRoutes(metadata).OrderBy(r => r.Name));
            Assert.Contains(metadata, f => (string?)f!["name"] == "HoldSweep" && f["bindings"]!.AsArray().Any(b => (string?)b!["type"] == "timerTrigger"));

            var host = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "host.json")))!;
            Assert.Equal("%NatakTaskHub%", (string?)host["extensions"]!["durableTask"]!["hubName"]);
            Assert.True(File.Exists(Path.Combine(output, "worker.config.json")));
            Assert.True(File.Exists(Path.Combine(output, "Microsoft.Azure.Functions.Worker.Extensions.DurableTask.dll")));

            var (orchestrators, activities) = PublishedRegistry(output);
            Assert.Equal(NatakTasks.Orchestrators.Select(t => t.Name).Order(), orchestrators.Order());
            Assert.Equal(NatakTasks.Activities.Select(t => t.Name).Order(), activities.Order());
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>Loads the published Natak.Orchestrations.dll in its own load context and reads its registry.</summary>
    private static (IReadOnlyList<string> Orchestrators, IReadOnlyList<string> Activities) PublishedRegistry(string output)
    {
        var context = new PublishedContext(output);
        try
        {
            var assembly = context.LoadFromAssemblyPath(Path.Combine(output, "Natak.Orchestrations.dll"));
            var registry = assembly.GetType(typeof(NatakTasks).FullName!, throwOnError: true)!;
            IReadOnlyList<string> Names(string property) =>
                ((IEnumerable<Type>)registry.GetProperty(property, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!).Select(t => t.Name).ToList();
            return (Names(nameof(NatakTasks.Orchestrators)), Names(nameof(NatakTasks.Activities)));
        }
        finally
        {
            context.Unload();
        }
    }

    private static async Task<(int ExitCode, string Log)> RunAsync(string file, params string[] arguments)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private sealed class PublishedContext(string directory) : AssemblyLoadContext("published", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var candidate = Path.Combine(directory, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
