using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natak.Providers.Http;
using Natak.Providers.Json;

namespace Natak.Providers.WaveSpeed;

/// <summary>
/// WaveSpeed AI task API. <see cref="SubmitAsync"/> starts paid work and is sent exactly once; result fetches are
/// idempotent and retried on transient failures. Failures throw <see cref="ProviderException"/>; a task that failed
/// at WaveSpeed comes back as a prediction with a <see cref="WaveSpeedPrediction.Failure"/>.
/// </summary>
public sealed class WaveSpeedClient
{
    private readonly ProviderHttp _http;
    private readonly WaveSpeedOptions _options;
    private readonly ILogger<WaveSpeedClient> _logger;

    /// <summary>Creates the client over an HttpClient configured by <c>AddNatakProviders</c>.</summary>
    public WaveSpeedClient(HttpClient httpClient, IOptions<WaveSpeedOptions> options, ILogger<WaveSpeedClient> logger)
    {
        _options = options.Value;
        _logger = logger;
        _http = new ProviderHttp(httpClient, ProviderKind.WaveSpeed, "Bearer", _options.EffectiveApiKey);
    }

    /// <summary>
    /// Starts a task: <c>POST /api/v3/{modelId}</c>. Never retried: a network error or timeout after sending throws
    /// <see cref="ProviderErrorCodes.AmbiguousSubmit"/>; a 429/503 answer means WaveSpeed refused it.
    /// </summary>
    /// <param name="modelId">E.g. <c>alibaba/wan-2.6/image-to-video</c>.</param>
    /// <param name="input">The model input.</param>
    /// <param name="webhookUrl">Where WaveSpeed POSTs the outcome (<c>?webhook=</c>), or null to poll.</param>
    /// <param name="cancellationToken">Cancels the call (the outcome at WaveSpeed is then unknown).</param>
    public async Task<WaveSpeedPrediction> SubmitAsync(string modelId, JsonObject input, Uri? webhookUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (string.IsNullOrWhiteSpace(modelId) || !modelId.Trim('/').Split('/').All(ProviderHttp.IsIdSegment))
        {
            throw new ArgumentException($"'{modelId}' is not a WaveSpeed model id (expected owner/model[/task]).", nameof(modelId));
        }

        var uri = ProviderHttp.WithWebhook(ProviderHttp.Combine(_options.BaseUrl, $"api/v3/{modelId.Trim('/')}"), "webhook", webhookUrl);
        using var call = ProvidersTelemetry.Start(ProviderKind.WaveSpeed, "submit", modelId);

        try
        {
            using var response = await _http.SendAsync(HttpMethod.Post, uri, CallKind.BillablePost, ProviderHttp.JsonBody(input), $"submit {modelId}", cancellationToken);
            var prediction = await ReadPredictionAsync(response, CallKind.BillablePost, $"submit {modelId}", cancellationToken);
            call.RequestId(prediction.Id);
            _logger.SubmitAccepted(ProviderKind.WaveSpeed, modelId, prediction.Id);
            return prediction;
        }
        catch (ProviderException e) when (e.MayHaveReachedProvider)
        {
            _logger.SubmitUncertain(ProviderKind.WaveSpeed, modelId, e.ErrorCode);
            throw;
        }
    }

    /// <summary>Polls a task via its <c>urls.get</c>, or <c>/api/v3/predictions/{id}/result</c> when none was kept.</summary>
    public async Task<WaveSpeedPrediction> GetResultAsync(string predictionId, Uri? resultUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(predictionId);
        var uri = ProviderHttp.Trusted(resultUrl?.AbsoluteUri, _options.BaseUrl)
            ?? ProviderHttp.Combine(_options.BaseUrl, $"api/v3/predictions/{Uri.EscapeDataString(predictionId)}/result");
        using var call = ProvidersTelemetry.Start(ProviderKind.WaveSpeed, "result", model: null, predictionId);
        using var response = await _http.SendAsync(HttpMethod.Get, uri, CallKind.Idempotent, null, $"result of {predictionId}", cancellationToken);
        return await ReadPredictionAsync(response, CallKind.Idempotent, $"result of {predictionId}", cancellationToken, predictionId);
    }

    /// <summary>Polls a task returned by <see cref="SubmitAsync"/>.</summary>
    public Task<WaveSpeedPrediction> GetResultAsync(WaveSpeedPrediction prediction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return GetResultAsync(prediction.Id, prediction.ResultUrl, cancellationToken);
    }

    /// <summary>The account's webhook signing secret (<c>whsec_…</c>), from <c>GET /api/v3/webhook/secret</c>.</summary>
    public async Task<string> GetWebhookSecretAsync(CancellationToken cancellationToken = default)
    {
        var uri = ProviderHttp.Combine(_options.BaseUrl, "api/v3/webhook/secret");
        using var call = ProvidersTelemetry.Start(ProviderKind.WaveSpeed, "webhook-secret", model: null);
        using var response = await _http.SendAsync(HttpMethod.Get, uri, CallKind.Idempotent, null, "webhook secret", cancellationToken);
        var data = await ReadDataAsync(response, CallKind.Idempotent, "webhook secret", null, cancellationToken);
        var secret = data is JsonObject o ? ProviderHttp.Text(o["secret"] ?? o["webhook_secret"]) : ProviderHttp.Text(data);
        return string.IsNullOrEmpty(secret)
            ? throw new ProviderException(ProviderFailures.InvalidResponse(ProviderKind.WaveSpeed, CallKind.Idempotent, "webhook secret: the body carries no secret.", (int)response.StatusCode))
            : secret;
    }

    private async Task<WaveSpeedPrediction> ReadPredictionAsync(HttpResponseMessage response, CallKind kind, string what, CancellationToken cancellationToken, string? predictionId = null)
    {
        var data = await ReadDataAsync(response, kind, what, predictionId, cancellationToken);
        try
        {
            return WaveSpeedPredictions.Read(data, _options.BaseUrl, _http.ApiKey);
        }
        catch (JsonException e)
        {
            throw new ProviderException(ProviderFailures.InvalidResponse(ProviderKind.WaveSpeed, kind, $"{what}: {e.Message}.", (int)response.StatusCode, predictionId), e);
        }
    }

    /// <summary>Unwraps <c>{code,message,data}</c>; a non-2xx status or a non-200 <c>code</c> throws.</summary>
    private async Task<JsonNode?> ReadDataAsync(HttpResponseMessage response, CallKind kind, string what, string? predictionId, CancellationToken cancellationToken)
    {
        var (json, text) = await ProviderHttp.ReadErrorBodyAsync(response, cancellationToken);
        var envelope = ReadEnvelope(json);
        var message = envelope?.Message is { Length: > 0 } m ? m : text.Length > 0 ? text : $"HTTP {(int)response.StatusCode}";
        if (!response.IsSuccessStatusCode)
        {
            throw _http.Fail(response, kind, new ErrorBody(message), predictionId);
        }

        if (envelope is null)
        {
            throw new ProviderException(ProviderFailures.InvalidResponse(ProviderKind.WaveSpeed, kind, $"{what}: the body is not a WaveSpeed envelope.", (int)response.StatusCode, predictionId));
        }

        if (envelope.Code is { } code and not (>= 200 and < 300))
        {
            throw new ProviderException(ProviderFailures.FromResponse(ProviderKind.WaveSpeed, code, kind, new ErrorBody(message), _http.ApiKey, predictionId));
        }

        return envelope.Data;
    }

    private static WaveSpeedEnvelope? ReadEnvelope(JsonNode? json)
    {
        try
        {
            return json is JsonObject ? json.Deserialize(ProvidersJsonContext.Default.WaveSpeedEnvelope) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
