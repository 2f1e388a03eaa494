using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Natak.Api.Auth;

namespace Natak.Benchmarks.Burst;

/// <summary>The HTTP calls the benchmark makes, each with the right user's development token.</summary>
internal sealed class BurstApi(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, UseProxy = false })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromMinutes(5),
    };

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public Uri BaseUrl => _http.BaseAddress!;

    public async Task GrantAsync(string user, long credits, CancellationToken cancellationToken)
    {
        using var response = await SendAsync("burst-admin", HttpMethod.Post, "/api/admin/credits/grants",
            new JsonObject { ["userId"] = user, ["credits"] = credits, ["grantId"] = "grant-" + user, ["reason"] = "burst benchmark" }, cancellationToken);
        await EnsureAsync(response, HttpStatusCode.Created, cancellationToken);
    }

    public async Task<long> QuoteAsync(string user, JsonObject request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(user, HttpMethod.Post, "/api/quotes", new JsonObject { ["kind"] = "image", ["request"] = request.DeepClone() }, cancellationToken);
        var body = await EnsureAsync(response, HttpStatusCode.OK, cancellationToken);
        return (long)body["credits"]!;
    }

    public async Task<string> StartImageAsync(string user, JsonObject request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(user, HttpMethod.Post, "/api/images", request.DeepClone(), cancellationToken);
        var body = await EnsureAsync(response, HttpStatusCode.Accepted, cancellationToken);
        return (string)body["jobId"]!;
    }

    /// <summary>The job, or null when the host answered 503 (a dependency down for a moment): a client reads again later.</summary>
    public async Task<JsonNode?> GetJobAsync(string user, string jobId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(user, HttpMethod.Get, "/api/jobs/" + jobId, null, cancellationToken);
        return response.StatusCode == HttpStatusCode.ServiceUnavailable ? null : await EnsureAsync(response, HttpStatusCode.OK, cancellationToken);
    }

    public async Task<(long Balance, long Reserved)> CreditsAsync(string user, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(user, HttpMethod.Get, "/api/credits", null, cancellationToken);
        var body = await EnsureAsync(response, HttpStatusCode.OK, cancellationToken);
        return ((long)body["balance"]!, (long)body["reserved"]!);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(string user, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(user));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await _http.SendAsync(request, cancellationToken);
    }

    private string Token(string user)
    {
        lock (_tokens)
        {
            if (!_tokens.TryGetValue(user, out var token))
            {
                token = DevTokens.Mint(new AuthOptions { SigningKey = DevTokens.DevelopmentSigningKey }, user, admin: user == "burst-admin", TimeSpan.FromHours(4), DateTimeOffset.UtcNow);
                _tokens[user] = token;
            }

            return token;
        }
    }

    private static async Task<JsonNode> EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!;
    }
}
