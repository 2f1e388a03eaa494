using System.Net;
using System.Text;
using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.Platform;

[Collection(DevHostCollection.Name)]
public sealed class BadInputTests(DevHostFixture fixture)
{
    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        using var api = fixture.Api(Users.New());
        var response = await api.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        using var api = fixture.Api(Users.New());
        var response = await api.Http.DeleteAsync("/api/jobs");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("method_not_allowed", (string?)(await ApiClient.ReadObjectAsync(response))["code"]);
    }

    [Theory]
    [InlineData("{ \"prompt\": ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("not json at all")]
    [InlineData("""{ "prompt": "a cat", "prompt": "a dog" }""")]
    [InlineData("""{ "prompt": "a cat", "outfit": { "description": "red", "description": "blue" } }""")]
    public async Task Malformed_json_is_a_400_problem(string body)
    {
        using var api = fixture.Api(Users.New());
        var response = await api.PostRawAsync("/api/images", body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("malformed_json", (string?)(await ApiClient.ReadObjectAsync(response))["code"]);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        using var api = fixture.Api(Users.New());
        var response = await api.PostRawAsync("/api/images", "prompt=a+cat", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported_media_type", (string?)(await ApiClient.ReadObjectAsync(response))["code"]);
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_or_an_unknown_field_is_a_400_naming_it()
    {
        using var api = fixture.Api(Users.New());
        var wrongType = await ApiClient.ReadObjectAsync(await api.PostRawAsync("/api/images", """{ "prompt": "x", "count": "many" }""", "application/json"));
        var unknown = await ApiClient.ReadObjectAsync(await api.PostRawAsync("/api/images", """{ "prompt": "x", "colour": "red" }""", "application/json"));

        Assert.Equal("validation_failed", (string?)wrongType["code"]);
        Assert.NotNull(wrongType["errors"]!["count"]);
        Assert.NotNull(unknown["errors"]!["colour"]);
        Assert.DoesNotContain("System.", wrongType.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_problem_before_anything_runs()
    {
        var user = Users.New();
        var jobId = await SeededJobs.StartWaitingJobAsync(fixture.Host, user, Natak.Core.Jobs.JobKind.Image, DateTimeOffset.UtcNow);
        using var api = fixture.Api(user);
        var huge = new StringContent(new string('a', 200 * 1024), Encoding.UTF8, "application/json");

        var response = await api.Http.PostAsync($"/api/jobs/{jobId}/cancel", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", (string?)(await ApiClient.ReadObjectAsync(response))["code"]);
    }
}
