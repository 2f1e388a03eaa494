using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natak.Providers.Http;
using Natak.Providers.Json;

namespace Natak.Providers.Fal;

/// <summary>
/// fal.ai queue API. <see cref="SubmitAsync"/> starts paid work and is sent exactly once; status, result and cancel
/// are idempotent and retried on transient failures. Waiting belongs to the orchestrator (webhook or durable timers).
/// Failures throw <see cref="ProviderException"/>.
/// </summary>
public sealed class FalClient
{
    private const string RequestIdHeader = "x-fal-request-id";

    private readonly ProviderHttp _http;
    private readonly FalOptions _options;
    private readonly ILogger<FalClient> _logger;

    /// <summary>Creates the client over an HttpClient configured by <c>AddNatakProviders</c>.</summary>
    public FalClient(HttpClient httpClient, IOptions<FalOptions> options, ILogger<FalClient> logger)
    {
        _options = options.Value;
        _logger = logger;
        _http = new ProviderHttp(httpClient, ProviderKind.Fal, "Key", _options.EffectiveApiKey);
    }

    /// <summary>
    /// Queues <paramref name="input"/> on <paramref name="modelId"/>. Never retried: a network error or timeout after
    /// sending throws <see cref="ProviderErrorCodes.AmbiguousSubmit"/> (the job may exist and bill); a 429/503 answer
    /// means fal refused it (<see cref="ProviderException.IsRetryable"/>).
    /// </summary>
    /// <param name="modelId">The endpoint id, e.g. <c>fal-ai/z-image/turbo</c>.</param>
    /// <param name="input">The model input.</param>
    /// <param name="webhookUrl">Where fal POSTs the outcome (sent as <c>?fal_webhook=</c>), or null to poll.</param>
    /// <param name="cancellationToken">Cancels the call (the outcome at fal is then unknown).</param>
    public async Task<FalRequestHandle> SubmitAsync(string modelId, JsonObject input, Uri? webhookUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var model = FalModelId.Parse(modelId);
        var uri = ProviderHttp.WithWebhook(ProviderHttp.Combine(_options.QueueBaseUrl, model.Value), "fal_webhook", webhookUrl);
        using var call = ProvidersTelemetry.Start(ProviderKind.Fal, "submit", model.Value);

        try
        {
            using var response = await _http.SendAsync(HttpMethod.Post, uri, CallKind.BillablePost, ProviderHttp.JsonBody(input), $"submit {model}", cancellationToken);
            var headerId = FalErrorHeaders.Get(response, RequestIdHeader);
            if (!response.IsSuccessStatusCode)
            {
                throw await FailAsync(response, CallKind.BillablePost, headerId, cancellationToken);
            }

            var body = await _http.ReadJsonAsync(response, ProvidersJsonContext.Default.FalSubmitResponse, CallKind.BillablePost, $"submit {model}", cancellationToken);
            var requestId = body.RequestId ?? headerId
                ?? throw new ProviderException(ProviderFailures.InvalidResponse(ProviderKind.Fal, CallKind.BillablePost, $"submit {model}: fal accepted the request but returned no request id.", (int)response.StatusCode));
            call.RequestId(requestId);
            var computed = CreateHandle(model, requestId);
            var handle = computed with
            {
                StatusUrl = ProviderHttp.Trusted(body.StatusUrl, _options.QueueBaseUrl) ?? computed.StatusUrl,
                ResponseUrl = ProviderHttp.Trusted(body.ResponseUrl, _options.QueueBaseUrl) ?? computed.ResponseUrl,
                CancelUrl = ProviderHttp.Trusted(body.CancelUrl, _options.QueueBaseUrl) ?? computed.CancelUrl,
            };
            _logger.SubmitAccepted(ProviderKind.Fal, model.Value, requestId);
            return handle;
        }
        catch (ProviderException e) when (e.MayHaveReachedProvider)
        {
            _logger.SubmitUncertain(ProviderKind.Fal, model.Value, e.ErrorCode);
            throw;
        }
    }

    /// <summary>
    /// A handle built by the owner/app rule, for a request whose submit response was not kept (e.g. one known only
    /// from a webhook). Prefer the handle <see cref="SubmitAsync"/> returned.
    /// </summary>
    public FalRequestHandle CreateHandle(string modelId, string requestId) => CreateHandle(FalModelId.Parse(modelId), requestId);

    /// <summary>Reads the queue status. 500/502/503/504/429 are retried; COMPLETED with an error comes back as <see cref="FalQueueStatus.Failure"/>.</summary>
    public async Task<FalQueueStatus> GetStatusAsync(FalRequestHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var separator = string.IsNullOrEmpty(handle.StatusUrl.Query) ? '?' : '&';
        var uri = new Uri($"{handle.StatusUrl.AbsoluteUri}{separator}logs=0");
        using var call = ProvidersTelemetry.Start(ProviderKind.Fal, "status", handle.ModelId, handle.RequestId);
        using var response = await _http.SendAsync(HttpMethod.Get, uri, CallKind.Idempotent, null, $"status of {handle.RequestId}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailAsync(response, CallKind.Idempotent, handle.RequestId, cancellationToken);
        }

        var body = await _http.ReadJsonAsync(response, ProvidersJsonContext.Default.FalStatusResponse, CallKind.Idempotent, $"status of {handle.RequestId}", cancellationToken);
        return body.Status switch
        {
            "IN_QUEUE" => new FalQueueStatus(FalQueueState.InQueue, null),
            "IN_PROGRESS" => new FalQueueStatus(FalQueueState.InProgress, null),
            "COMPLETED" => new FalQueueStatus(FalQueueState.Completed,
                ProviderHttp.Text(body.Error) is { Length: > 0 } error ? FalErrors.Completed(handle.RequestId, error, body.ErrorType, _http.ApiKey) : null),

            // fal: treat any other status value as an error.
            _ => throw new ProviderException(new ProviderFailure(ProviderKind.Fal, ProviderErrorCodes.ProviderFailed,
                $"fal reported an unknown status '{body.Status}' for {handle.RequestId}.", (int)response.StatusCode, IsRetryable: false, MayHaveReachedProvider: false, MayBeBilled: false)
            {
                ProviderRequestId = handle.RequestId,
            }),
        };
    }

    /// <summary>
    /// Fetches the output of a completed request. fal answers with the model's own status: a model that failed makes
    /// this throw (422 → <see cref="ProviderErrorCodes.InputInvalid"/> or <see cref="ProviderErrorCodes.ContentPolicyViolation"/> with field errors).
    /// </summary>
    public async Task<FalResult> GetResultAsync(FalRequestHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using var call = ProvidersTelemetry.Start(ProviderKind.Fal, "result", handle.ModelId, handle.RequestId);
        using var response = await _http.SendAsync(HttpMethod.Get, handle.ResponseUrl, CallKind.Idempotent, null, $"result of {handle.RequestId}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailAsync(response, CallKind.Idempotent, handle.RequestId, cancellationToken);
        }

        var payload = await _http.ReadJsonAsync(response, ProvidersJsonContext.Default.JsonNode, CallKind.Idempotent, $"result of {handle.RequestId}", cancellationToken);
        return new FalResult(handle.RequestId, payload);
    }

    /// <summary>Asks fal to cancel. Safe to repeat (retried on transient failures).</summary>
    public async Task<FalCancelOutcome> CancelAsync(FalRequestHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        using var call = ProvidersTelemetry.Start(ProviderKind.Fal, "cancel", handle.ModelId, handle.RequestId);
        using var response = await _http.SendAsync(HttpMethod.Put, handle.CancelUrl, CallKind.Idempotent, null, $"cancel of {handle.RequestId}", cancellationToken);
        var (json, text) = await ProviderHttp.ReadErrorBodyAsync(response, cancellationToken);
        FalCancelOutcome? outcome = ProviderHttp.Text(json?["status"]) switch
        {
            "OK" => FalCancelOutcome.Ok,
            "CANCELLATION_REQUESTED" => FalCancelOutcome.CancellationRequested,
            "ALREADY_COMPLETED" => FalCancelOutcome.AlreadyCompleted,
            "NOT_FOUND" => FalCancelOutcome.NotFound,
            _ when response.IsSuccessStatusCode => FalCancelOutcome.CancellationRequested,
            _ when response.StatusCode == HttpStatusCode.NotFound => FalCancelOutcome.NotFound,
            _ => null,
        };
        return outcome ?? throw _http.Fail(response, CallKind.Idempotent, FalErrors.Parse(response, json, text), handle.RequestId);
    }

    private FalRequestHandle CreateHandle(FalModelId model, string requestId)
    {
        var requests = $"{model.QueueApp}/requests/{Uri.EscapeDataString(requestId)}";
        return new FalRequestHandle(
            model.Value,
            requestId,
            ProviderHttp.Combine(_options.QueueBaseUrl, $"{requests}/status"),
            ProviderHttp.Combine(_options.QueueBaseUrl, requests),
            ProviderHttp.Combine(_options.QueueBaseUrl, $"{requests}/cancel"));
    }

    private async Task<ProviderException> FailAsync(HttpResponseMessage response, CallKind kind, string? requestId, CancellationToken cancellationToken)
    {
        var (json, text) = await ProviderHttp.ReadErrorBodyAsync(response, cancellationToken);
        return _http.Fail(response, kind, FalErrors.Parse(response, json, text), requestId);
    }
}
