using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Natak.Api.Http;
using Natak.DevHost;

namespace Natak.Functions.Tests;

public sealed class RouteParityTests
{
    [Fact]
    public void The_built_functions_app_declares_an_http_trigger_for_every_route_in_the_route_table()
    {
        var declared = FunctionsOutput.HttpRoutes(FunctionsOutput.ReadMetadata(FunctionsOutput.BuildDirectory));
        var table = NatakRoutes.All.Select(r => (r.Name, r.Method, r.Template)).ToHashSet();

        Assert.Equal(table.OrderBy(r => r.Name), declared.OrderBy(r => r.Name));
    }

    [Fact]
    public async Task The_dev_host_and_the_functions_app_expose_exactly_the_same_routes()
    {
        await using var host = await StartDevHostAsync();
        var apiEndpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .ToList();
        // The dev host's browser extras (contract, reference UI, Development sign-in) are marked and listed apart.
        var devHostRoutes = apiEndpoints
            .Where(e => e.Metadata.GetMetadata<DevHostOnlyRoute>() is null)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (m, e.RoutePattern.RawText!["/api/".Length..])))
            .ToHashSet();
        var functionRoutes = FunctionsOutput.HttpRoutes(FunctionsOutput.ReadMetadata(FunctionsOutput.BuildDirectory))
            .Select(r => (r.Method, r.Route))
            .ToHashSet();

        Assert.Equal(functionRoutes.OrderBy(r => r.Route).ThenBy(r => r.Method), devHostRoutes.OrderBy(r => r.Item2).ThenBy(r => r.m));
    }

    [Fact]
    public async Task The_dev_host_only_routes_are_exactly_the_documented_browser_extras_and_none_is_in_the_route_table()
    {
        await using var host = await StartDevHostAsync();
        var extras = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<DevHostOnlyRoute>() is not null)
            .Select(e => e.RoutePattern.RawText!)
            .ToHashSet();

        // docs/web.md lists these; Scalar maps its page and its bundled assets under /api/docs.
        Assert.Equal(["/api/dev/sign-in", "/api/openapi.yaml"], extras.Where(p => !p.StartsWith("/api/docs", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains(extras, p => p.StartsWith("/api/docs", StringComparison.Ordinal));
        Assert.DoesNotContain(extras, p => NatakRoutes.All.Any(r => "/api/" + r.Template == p));
    }

    private static Task<DevHostApp> StartDevHostAsync() =>
        DevHostApp.StartAsync([], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Durable:Backend"] = "Memory",
            ["Simulator:Port"] = "0",
            // Never contacted: the route table is all these tests read.
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
}
