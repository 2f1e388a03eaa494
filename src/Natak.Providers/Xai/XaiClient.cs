using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Natak.Providers.Http;
using Natak.Providers.Json;

namespace Natak.Providers.Xai;

/// <summary>
/// xAI chat completions (OpenAI-compatible). A completion is billed per token, so it is sent once and never retried
/// by the client; failures throw <see cref="ProviderException"/>.
/// </summary>
public sealed class XaiClient
{
    private readonly ProviderHttp _http;
    private readonly XaiOptions _options;

    /// <summary>Creates the client over an HttpClient configured by <c>AddNatakProviders</c>.</summary>
    public XaiClient(HttpClient httpClient, IOptions<XaiOptions> options)
    {
        _options = options.Value;
        _http = new ProviderHttp(httpClient, ProviderKind.Xai, "Bearer", _options.EffectiveApiKey);
    }

    /// <summary>Runs a chat completion: <c>POST /v1/chat/completions</c> with <c>stream: false</c>.</summary>
    public async Task<XaiChatCompletion> CompleteAsync(XaiChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Messages.Count == 0)
        {
            throw new ArgumentException("A chat request needs at least one message.", nameof(request));
        }

        var wire = new XaiChatRequestWire
        {
            Model = request.Model ?? _options.Model,
            Messages = [.. request.Messages.Select(m => new XaiMessageWire { Role = m.Role, Content = m.Content })],
            Temperature = request.Temperature,
            MaxTokens = request.MaxTokens,
            Stream = false,
        };
        var content = JsonContent.Create(wire, ProvidersJsonContext.Default.XaiChatRequestWire);
        var uri = ProviderHttp.Combine(_options.BaseUrl, "v1/chat/completions");
        using var call = ProvidersTelemetry.Start(ProviderKind.Xai, "chat", wire.Model);
        using var response = await _http.SendAsync(HttpMethod.Post, uri, CallKind.BillablePost, content, $"chat completion on {wire.Model}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var (json, text) = await ProviderHttp.ReadErrorBodyAsync(response, cancellationToken);
            throw _http.Fail(response, CallKind.BillablePost, ParseError(json, text, (int)response.StatusCode));
        }

        var body = await _http.ReadJsonAsync(response, ProvidersJsonContext.Default.XaiChatResponseWire, CallKind.BillablePost, "chat completion", cancellationToken);
        var choice = body.Choices?.FirstOrDefault();
        if (choice?.Message?.Content is not { } answer || body.Usage is not { } usage)
        {
            throw new ProviderException(ProviderFailures.InvalidResponse(ProviderKind.Xai, CallKind.BillablePost, "chat completion: the body has no choices[0].message.content or no usage.", (int)response.StatusCode, body.Id));
        }

        return new XaiChatCompletion(
            body.Model ?? wire.Model,
            answer,
            new XaiUsage(usage.PromptTokens, usage.CompletionTokens, usage.CompletionTokensDetails?.ReasoningTokens ?? 0, usage.TotalTokens));
    }

    /// <summary>Reads both <c>{"code","error"}</c> and OpenAI-style <c>{"error":{message,type,code}}</c>.</summary>
    internal static ErrorBody ParseError(JsonNode? json, string text, int status)
    {
        var message = json?["error"] is JsonObject nested
            ? ProviderHttp.Text(nested["message"])
            : ProviderHttp.Text(json?["error"]) ?? ProviderHttp.Text(json?["message"]);
        message = message is { Length: > 0 } ? message : text.Length > 0 ? text : $"HTTP {status}";

        // xAI answers a wrong key with 400 (not 401) and says so in the message.
        var badKey = status is 400 or 403 && message.Contains("api key", StringComparison.OrdinalIgnoreCase);
        return new ErrorBody(message) { BadKey = badKey };
    }
}
