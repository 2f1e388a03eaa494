using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Natak.Api.Auth;
using Natak.DevHost;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Testing;

namespace Natak.EndToEnd.Tests.Browsers;

/// <summary>What the dev host serves browsers besides the API: the contract, its reference UI, Studio, Development sign-in.</summary>
[Collection(DevHostCollection.Name)]
public sealed class DevHostWebTests(DevHostFixture fixture)
{
    [Fact]
    public async Task The_contract_is_served_as_the_repository_has_it()
    {
        using var api = fixture.Api();

        var served = await api.Http.GetStringAsync("/api/openapi.yaml");

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "openapi.yaml")), served);
    }

    [Fact]
    public async Task The_reference_page_and_studio_load_their_scripts_from_this_host()
    {
        using var api = fixture.Api();

        var docs = await api.Http.GetStringAsync("/api/docs/");
        var bundle = await api.Http.GetAsync("/api/docs/scalar.js");
        var studio = await api.Http.GetStringAsync("/");

        Assert.Contains("<script src=\"scalar.js\">", docs, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.True((await bundle.Content.ReadAsByteArrayAsync()).Length > 100_000, "the reference UI bundle is served by the package, not a CDN");
        Assert.Contains("<title>Natak Studio</title>", studio, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", studio, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_sign_in_mints_a_token_the_api_accepts_and_names_a_bad_user_id()
    {
        var user = Users.New("signin");
        using var anonymous = fixture.Api();

        using var signIn = await anonymous.PostJsonAsync("/api/dev/sign-in", new { userId = user });
        using var bad = await anonymous.PostJsonAsync("/api/dev/sign-in", new { userId = "../etc" });

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var token = (string)(await ApiClient.ReadObjectAsync(signIn))["token"]!;
        using var caller = new HttpClient { BaseAddress = fixture.Host.BaseUrl };
        caller.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var credits = await caller.GetFromJsonAsync<Dictionary<string, long>>("/api/credits");
        Assert.Equal(0, credits!["available"]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await ApiClient.ReadObjectAsync(bad))["errors"]!.AsObject().ContainsKey("userId"));
    }

    [Theory]
    [InlineData("Development", DevTokens.DevelopmentSigningKey, true)]
    [InlineData("Production", DevTokens.DevelopmentSigningKey, false)]
    [InlineData("Staging", DevTokens.DevelopmentSigningKey, false)]
    [InlineData("Development", "a-different-key-of-at-least-thirty-two-bytes", false)]
    public void Development_sign_in_is_offered_only_in_development_with_the_development_key(string environment, string key, bool offered)
    {
        Assert.Equal(offered, DevSignIn.IsOffered(new Environment(environment), new AuthOptions { SigningKey = key }));
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Natak";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
