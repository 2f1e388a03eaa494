using System.Text.Json.Nodes;
using Natak.Testing;

namespace Natak.Functions.Tests;

/// <summary>The Functions app's build output: <c>functions.metadata</c> is what the Functions host reads to bind triggers.</summary>
internal static class FunctionsOutput
{
    public static string BuildDirectory =>
        Path.Combine(RepoPaths.Root, "src", "Natak.Functions", "bin", BuildConfiguration, "net10.0");

    public static JsonArray ReadMetadata(string directory)
    {
        var path = Path.Combine(directory, "functions.metadata");
        Assert.True(File.Exists(path), "missing " + path);
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }

    /// <summary>(function name, METHOD, route) of every HTTP trigger in a metadata document.</summary>
    public static IReadOnlySet<(string Name, string Method, string Route)> HttpRoutes(JsonArray metadata) =>
        metadata
            .Select(f => f!.AsObject())
            .SelectMany(f => f["bindings"]!.AsArray()
                .Where(b => (string?)b!["type"] == "httpTrigger")
                .SelectMany(b => b!["methods"]!.AsArray().Select(m => ((string)f["name"]!, ((string)m!).ToUpperInvariant(), (string)b!["route"]!))))
            .ToHashSet();

    private static string BuildConfiguration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
}
