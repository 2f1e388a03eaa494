using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Natak.Api.Auth;

namespace Natak.EndToEnd.Tests.Infrastructure;

/// <summary>A plain HttpClient speaking to the API as one user (or anonymously), with JSON helpers.</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(Uri baseUrl, string? userId, bool admin)
    {
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) };
        if (userId is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(userId, admin));
        }
    }

    public HttpClient Http => _http;

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostRawAsync(string path, string body, string contentType, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return _http.SendAsync(request);
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object: " + text);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>Development tokens for tests, plus deliberately broken ones.</summary>
public static class Tokens
{
    public static AuthOptions DevOptions { get; } = new() { SigningKey = DevTokens.DevelopmentSigningKey };

    public static string For(string userId, bool admin = false, TimeSpan? lifetime = null, DateTimeOffset? now = null) =>
        DevTokens.Mint(DevOptions, userId, admin, lifetime ?? TimeSpan.FromHours(1), now ?? DateTimeOffset.UtcNow);
}
