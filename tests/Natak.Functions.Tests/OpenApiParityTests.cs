using System.Text.RegularExpressions;
using Natak.Api.Http;
using Natak.Testing;

namespace Natak.Functions.Tests;

/// <summary>The OpenAPI description documents exactly the routes both hosts serve (docs must match the code).</summary>
public sealed partial class OpenApiParityTests
{
    [Fact]
    public void Every_route_is_documented_and_every_documented_route_exists()
    {
        var documented = DocumentedOperations(File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "openapi.yaml")));
        var served = NatakRoutes.All.Select(r => (r.Method, "/" + r.Template)).ToHashSet();

        Assert.Equal(served.OrderBy(o => o.Item2).ThenBy(o => o.Method), documented.OrderBy(o => o.Item2).ThenBy(o => o.Item1));
    }

    [Fact]
    public void Public_routes_and_only_public_routes_waive_the_bearer_requirement()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "openapi.yaml"));
        var unsecured = new HashSet<(string, string)>();
        string? path = null, method = null;
        foreach (var line in PathsSection(lines))
        {
            if (PathLine().Match(line) is { Success: true } p)
            {
                path = p.Groups[1].Value;
            }
            else if (MethodLine().Match(line) is { Success: true } m)
            {
                method = m.Groups[1].Value.ToUpperInvariant();
            }
            else if (line.Trim() == "security: []" && path is not null && method is not null)
            {
                unsecured.Add((method, path));
            }
        }

        var open = NatakRoutes.All.Where(r => r.Access is RouteAccess.Public or RouteAccess.Webhook).Select(r => (r.Method, "/" + r.Template)).ToHashSet();
        Assert.Equal(open.OrderBy(o => o.Item2), unsecured.OrderBy(o => o.Item2));
    }

    private static HashSet<(string Method, string Path)> DocumentedOperations(string[] lines)
    {
        var operations = new HashSet<(string, string)>();
        string? path = null;
        foreach (var line in PathsSection(lines))
        {
            if (PathLine().Match(line) is { Success: true } p)
            {
                path = p.Groups[1].Value;
            }
            else if (path is not null && MethodLine().Match(line) is { Success: true } m)
            {
                operations.Add((m.Groups[1].Value.ToUpperInvariant(), path));
            }
        }

        return operations;
    }

    private static IEnumerable<string> PathsSection(string[] lines) =>
        lines.SkipWhile(l => l != "paths:").Skip(1).TakeWhile(l => l.Length == 0 || l.StartsWith(' '));

    [GeneratedRegex(@"^  (/[^:]*):\s*$")]
    private static partial Regex PathLine();

    [GeneratedRegex(@"^    (get|post|put|delete|patch):\s*$")]
    private static partial Regex MethodLine();
}
