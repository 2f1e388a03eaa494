using System.Text.Json.Nodes;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Natak.Api.Http;
using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.Platform;

/// <summary>
/// What a client is told when a service Natak depends on fails after the SDK's retries: the host's own route pipeline
/// runs a route whose handler meets the Azure SDK's real exception types.
/// </summary>
[Collection(DevHostCollection.Name)]
public sealed class DependencyFailureTests(DevHostFixture fixture)
{
    public static TheoryData<string> Transient() =>
    [
        "reset", "503", "500", "429", "408", "412", "io", "timeout", "http-timeout",
    ];

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task A_dependency_down_for_a_moment_is_a_503_with_Retry_After(string failure)
    {
        var (status, headers, body) = await RunAsync(failure switch
        {
            "reset" => new RequestFailedException(0, "Connection reset by peer", new IOException("Connection reset by peer")),
            "io" => new IOException("The response ended prematurely."),
            "timeout" => new TimeoutException("The operation timed out."),
            "http-timeout" => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException()),
            _ => new RequestFailedException(int.Parse(failure, System.Globalization.CultureInfo.InvariantCulture), "The server is busy."),
        });

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("2", headers.RetryAfter.ToString());
        Assert.Equal("service_unavailable", (string?)body["code"]);
        Assert.Equal(503, (int?)body["status"]);
        Assert.DoesNotContain("busy", body.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("reset", body.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(400)]
    [InlineData(-1)]
    public async Task Anything_else_is_still_a_500_that_names_nothing(int storageStatus)
    {
        var (status, headers, body) = await RunAsync(storageStatus < 0
            ? new InvalidOperationException("a bug with a secret detail")
            : new RequestFailedException(storageStatus, "a secret detail"));

        Assert.Equal(StatusCodes.Status500InternalServerError, status);
        Assert.Equal(0, headers.RetryAfter.Count);
        Assert.Equal("internal_error", (string?)body["code"]);
        Assert.DoesNotContain("secret", body.ToJsonString(), StringComparison.Ordinal);
    }

    private async Task<(int Status, IHeaderDictionary Headers, JsonObject Body)> RunAsync(Exception thrown)
    {
        var pipeline = fixture.Host.Services.GetRequiredService<ApiPipeline>();
        var route = new ApiRoute("failing", "GET", "/api/failing", RouteAccess.Public, _ => throw thrown);
        var http = new DefaultHttpContext { RequestServices = fixture.Host.Services };
        http.Request.Method = "GET";
        http.Request.Path = "/api/failing";
        using var body = new MemoryStream();
        http.Response.Body = body;

        await pipeline.ExecuteAsync(route, http, fixture.Host.DurableClient);

        return (http.Response.StatusCode, http.Response.Headers, JsonNode.Parse(body.ToArray())!.AsObject());
    }
}
