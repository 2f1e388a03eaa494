using System.Net;
using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.Platform;

/// <summary>The Idempotency-Key contract of api.md on a start route: a retry can never start a second job.</summary>
[Collection(DevHostCollection.Name)]
public sealed class IdempotencyTests(DevHostFixture fixture)
{
    [Fact]
    public async Task The_same_key_and_body_return_the_same_job_and_charge_once()
    {
        var user = Users.New("retrier");
        await fixture.GrantAsync(user, 5);
        using var api = fixture.Api(user);
        var body = new { prompt = "a paper boat", width = 512, height = 512 };

        var first = await api.PostJsonAsync("/api/images", body, "order-42");
        var again = await api.PostJsonAsync("/api/images", body, "order-42");
        var reordered = await api.PostRawAsync("/api/images", """{ "height": 512, "width": 512, "prompt": "a paper boat" }""", "application/json", "order-42");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reordered.StatusCode);
        var jobId = (string)(await ApiClient.ReadObjectAsync(first))["jobId"]!;
        Assert.Equal(jobId, (string)(await ApiClient.ReadObjectAsync(again))["jobId"]!);
        Assert.Equal(jobId, (string)(await ApiClient.ReadObjectAsync(reordered))["jobId"]!);

        var done = await Jobs.WaitForTerminalAsync(api, jobId);
        Assert.Equal("succeeded", (string?)done["status"]);
        var page = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/jobs"));
        Assert.Single(page["items"]!.AsArray());
        var ledger = fixture.Host.Services.GetService(typeof(Natak.Tables.Credits.ICreditLedger)) as Natak.Tables.Credits.ICreditLedger;
        Assert.Equal(4, (await ledger!.GetBalanceAsync(user)).Available);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_a_422_and_starts_nothing()
    {
        var user = Users.New("reuser");
        await fixture.GrantAsync(user, 5);
        using var api = fixture.Api(user);

        var first = await api.PostJsonAsync("/api/images", new { prompt = "a red kite", width = 512, height = 512 }, "kite");
        var other = await api.PostJsonAsync("/api/images", new { prompt = "a blue kite", width = 512, height = 512 }, "kite");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal((HttpStatusCode)422, other.StatusCode);
        var problem = await ApiClient.ReadObjectAsync(other);
        Assert.Equal("idempotency_key_reused", (string?)problem["code"]);
        var page = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/jobs"));
        Assert.Single(page["items"]!.AsArray());
    }

    [Fact]
    public async Task Different_users_with_the_same_key_get_different_jobs()
    {
        string? previous = null;
        foreach (var user in new[] { Users.New("a"), Users.New("b") })
        {
            await fixture.GrantAsync(user, 5);
            using var api = fixture.Api(user);
            var response = await api.PostJsonAsync("/api/images", new { prompt = "a lantern", width = 512, height = 512 }, "shared-key");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var jobId = (string)(await ApiClient.ReadObjectAsync(response))["jobId"]!;
            Assert.NotEqual(previous, jobId);
            previous = jobId;
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tab\tinside")]
    public async Task A_malformed_key_is_a_400_naming_the_header(string key)
    {
        var user = Users.New();
        await fixture.GrantAsync(user, 5);
        using var api = fixture.Api(user);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/images") { Content = System.Net.Http.Json.JsonContent.Create(new { prompt = "x", width = 512, height = 512 }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await ApiClient.ReadObjectAsync(response))["errors"]!["Idempotency-Key"]);
    }

    [Fact]
    public async Task A_key_longer_than_128_characters_is_a_400()
    {
        var user = Users.New();
        using var api = fixture.Api(user);
        var response = await api.PostJsonAsync("/api/images", new { prompt = "x" }, new string('k', 129));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_failed", (string?)(await ApiClient.ReadObjectAsync(response))["code"]);
    }
}
