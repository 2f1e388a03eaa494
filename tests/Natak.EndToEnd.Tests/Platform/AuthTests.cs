using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Natak.Api.Auth;
using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.Platform;

[Collection(DevHostCollection.Name)]
public sealed class AuthTests(DevHostFixture fixture)
{
    [Fact]
    public async Task No_token_is_a_401_problem_with_a_bearer_challenge()
    {
        using var api = fixture.Api();
        var response = await api.GetAsync("/api/jobs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("unauthorized", (string?)(await ApiClient.ReadObjectAsync(response))["code"]);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_a_401() =>
        await AssertRejected(Sign(new string('x', 48), "natak-dev", "natak-api", DateTimeOffset.UtcNow.AddHours(1)));

    [Fact]
    public async Task An_expired_token_is_a_401_that_says_so()
    {
        var expired = Tokens.For(Users.New(), lifetime: TimeSpan.FromMinutes(5), now: DateTimeOffset.UtcNow.AddHours(-2));
        var body = await AssertRejected(expired);
        Assert.Contains("expired", (string?)body["detail"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_token_for_another_audience_or_issuer_is_a_401()
    {
        await AssertRejected(Sign(DevTokens.DevelopmentSigningKey, "natak-dev", "someone-else", DateTimeOffset.UtcNow.AddHours(1)));
        await AssertRejected(Sign(DevTokens.DevelopmentSigningKey, "evil-issuer", "natak-api", DateTimeOffset.UtcNow.AddHours(1)));
    }

    [Fact]
    public async Task A_malformed_or_unsigned_token_is_a_401()
    {
        await AssertRejected("not-a-jwt");
        var unsigned = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "natak-dev",
            Audience = "natak-api",
            Subject = new ClaimsIdentity([new Claim("sub", "mallory")]),
            Expires = DateTime.UtcNow.AddHours(1),
        });
        await AssertRejected(unsigned);
    }

    [Theory]
    [InlineData("-leading-dash")]
    [InlineData("a/b")]
    [InlineData("has space")]
    public async Task A_token_whose_subject_cannot_name_a_user_folder_is_a_401_not_a_later_500(string subject)
    {
        var problem = await AssertRejected(Tokens.For(subject));

        Assert.Contains("no usable subject", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_token_lists_an_empty_page_for_a_new_user()
    {
        using var api = fixture.Api(Users.New());
        var response = await api.GetAsync("/api/jobs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiClient.ReadObjectAsync(response);
        Assert.Empty(body["items"]!.AsArray());
        Assert.Null(body["nextCursor"]);
    }

    private async Task<System.Text.Json.Nodes.JsonObject> AssertRejected(string token)
    {
        using var api = fixture.Api();
        api.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await api.GetAsync("/api/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await ApiClient.ReadObjectAsync(response);
        Assert.Equal("unauthorized", (string?)body["code"]);
        Assert.DoesNotContain(token, body.ToJsonString(), StringComparison.Ordinal);
        return body;
    }

    private static string Sign(string key, string issuer, string audience, DateTimeOffset expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", "mallory")]),
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
}
