using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Natak.Providers.Http;

/// <summary>
/// The HTTP plumbing one provider client uses: authenticated requests, the idempotency mark the retry strategy
/// reads, and translation of transport failures and unreadable bodies into <see cref="ProviderException"/>.
/// </summary>
internal sealed class ProviderHttp(HttpClient httpClient, ProviderKind provider, string authScheme, string apiKey)
{
    /// <summary>Set on requests that may be retried; everything else is sent once.</summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("Natak.Providers.Idempotent");

    public string ApiKey => apiKey;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, CallKind kind, HttpContent? content, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue(authScheme, apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(Idempotent, kind == CallKind.Idempotent);
        try
        {
            return await httpClient.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is BrokenCircuitException or TimeoutRejectedException or HttpRequestException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ProviderException(ProviderFailures.FromException(provider, kind, e, what), e);
        }
    }

    public static HttpContent JsonBody(JsonNode body) =>
        new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");

    public async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CallKind kind, string what, CancellationToken cancellationToken)
    {
        try
        {
            var value = await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken);
            return value ?? throw new JsonException("empty body");
        }
        catch (JsonException e)
        {
            throw new ProviderException(ProviderFailures.InvalidResponse(provider, kind, $"{what}: unreadable response body ({e.Message}).", (int)response.StatusCode), e);
        }
    }

    /// <summary>Reads an error body as JSON, or null when it is empty or not JSON (a gateway's HTML page).</summary>
    public static async Task<(JsonNode? Json, string Text)> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return (string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text), text);
        }
        catch (JsonException)
        {
            return (null, text);
        }
    }

    public ProviderException Fail(HttpResponseMessage response, CallKind kind, ErrorBody body, string? requestId = null) =>
        new(ProviderFailures.FromResponse(provider, (int)response.StatusCode, kind, body, apiKey, requestId) with { RetryAfter = RetryAfter(response) });

    /// <summary>The provider's <c>Retry-After</c> (seconds or an HTTP date), when it sent one.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > DateTimeOffset.UtcNow => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    /// <summary>Joins a base URL that may carry a path (the simulator's <c>{sim}/fal/queue</c>) with a relative path.</summary>
    public static Uri Combine(Uri baseUrl, string relativePath) =>
        new(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + relativePath.TrimStart('/'));

    /// <summary>Adds the webhook query parameter a submit takes (<c>fal_webhook</c>, <c>webhook</c>), when there is a webhook.</summary>
    public static Uri WithWebhook(Uri submitUrl, string parameter, Uri? webhookUrl)
    {
        if (webhookUrl is null)
        {
            return submitUrl;
        }

        return webhookUrl.IsAbsoluteUri
            ? new Uri($"{submitUrl.AbsoluteUri}?{parameter}={Uri.EscapeDataString(webhookUrl.AbsoluteUri)}")
            : throw new ArgumentException("The webhook URL must be absolute.", nameof(webhookUrl));
    }

    /// <summary>
    /// A URL the provider returned, if it lies under the configured base (same scheme, host, port and path prefix);
    /// otherwise null. The key is sent to these URLs, so an unexpected host is never trusted.
    /// </summary>
    public static Uri? Trusted(string? returned, Uri baseUrl)
    {
        if (!Uri.TryCreate(returned, UriKind.Absolute, out var url))
        {
            return null;
        }

        var sameOrigin = string.Equals(url.Scheme, baseUrl.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(url.Host, baseUrl.Host, StringComparison.OrdinalIgnoreCase)
            && url.Port == baseUrl.Port;
        var basePath = baseUrl.AbsolutePath.TrimEnd('/') + "/";
        return sameOrigin && url.AbsolutePath.StartsWith(basePath, StringComparison.Ordinal) ? url : null;
    }

    /// <summary>One segment of a model id: ASCII letters, digits, <c>-</c>, <c>_</c>, <c>.</c>; no empty, <c>.</c> or <c>..</c> segments.</summary>
    public static bool IsIdSegment(string segment) =>
        segment.Length > 0 && segment is not "." and not ".."
        && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Reads a JSON node that may be a string or any other value as text.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
