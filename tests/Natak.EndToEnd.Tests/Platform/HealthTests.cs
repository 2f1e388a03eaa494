using System.Net;
using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.Platform;

[Collection(DevHostCollection.Name)]
public sealed class HealthTests(DevHostFixture fixture)
{
    [Fact]
    public async Task Health_answers_200_with_table_blob_and_queue_reachability_without_a_token()
    {
        using var api = fixture.Api();
        var response = await api.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiClient.ReadObjectAsync(response);
        Assert.Equal("healthy", (string?)body["status"]);
        foreach (var check in new[] { "tables", "blobs", "queues", "objectStore", "providers" })
        {
            Assert.Equal("ok", (string?)body["checks"]![check]!["status"]);
        }

        Assert.Equal("simulated", (string?)body["checks"]!["providers"]!["detail"]);
        Assert.Null(body["canary"]);
    }

    [Fact]
    public async Task Deep_health_runs_the_canary_reports_its_round_trip_and_purges_it()
    {
        using var api = fixture.Api();
        var response = await api.GetAsync("/api/health?deep=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var canary = (await ApiClient.ReadObjectAsync(response))["canary"]!;
        Assert.Equal("ok", (string?)canary["status"]);
        Assert.True((double)canary["roundTripMs"]! > 0);
        // The check has its answer, so its instance (and its child's) was purged: canaries leave nothing in the task hub.
        var instanceId = (string)canary["instanceId"]!;
        Assert.Null(await fixture.Host.DurableClient.GetInstanceAsync(instanceId));
        Assert.Null(await fixture.Host.DurableClient.GetInstanceAsync(Natak.Orchestrations.Canary.CanaryOrchestrator.ChildInstanceId(instanceId)));
    }

    [Fact]
    public async Task Deep_health_with_a_bad_flag_is_a_400_naming_the_field()
    {
        using var api = fixture.Api();
        var response = await api.GetAsync("/api/health?deep=yes");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await ApiClient.ReadObjectAsync(response);
        Assert.Equal("validation_failed", (string?)body["code"]);
        Assert.NotNull(body["errors"]!["deep"]);
    }
}
