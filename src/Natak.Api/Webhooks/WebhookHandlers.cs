using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Natak.Api.Http;
using Natak.Api.Telemetry;
using Natak.Core.Problems;
using Natak.Orchestrations.Jobs;
using Natak.Orchestrations.Pipelines.ProviderCalls;
using Natak.Orchestrations.Webhooks;
using Natak.Providers.Fal;
using Natak.Providers.WaveSpeed;
using Natak.Providers.Webhooks;
using Natak.Tables.Webhooks;

namespace Natak.Api.Webhooks;

/// <summary>
/// <c>POST /api/webhooks/fal</c> and <c>/wavespeed</c>. A delivery is acted on only when both the provider's
/// signature verifies and the URL's token (Natak's HMAC over provider, job and step) matches; then its receipt is
/// recorded and, the first time only, it is raised to the job as that step's webhook event. Unverifiable → 401
/// and nothing changes; duplicates and late deliveries → 200 and nothing changes. Answered quickly: the work
/// happens in the orchestration.
/// </summary>
internal static partial class WebhookHandlers
{
    public static async Task<IResult> Fal(ApiRequest request)
    {
        using var span = StartDelivery(request, ProviderNames.Fal);
        var body = await request.ReadBodyAsync();
        var verification = await request.Service<FalWebhookVerifier>().VerifyAsync(FalWebhookHeaders.From(request.Header), body, request.Aborted);
        if (!verification.IsValid || verification.Payload is not { } payload)
        {
            return Reject(request, ProviderNames.Fal, verification.Reason, verification.Detail);
        }

        return await DeliverAsync(request, ProviderNames.Fal, new ProviderWebhookEvent(ProviderNames.Fal, payload.RequestId, payload.Succeeded,
            payload.Error ?? payload.PayloadError));
    }

    public static async Task<IResult> WaveSpeed(ApiRequest request)
    {
        using var span = StartDelivery(request, ProviderNames.WaveSpeed);
        var body = await request.ReadBodyAsync();
        var verification = await request.Service<WaveSpeedWebhookVerifier>().VerifyAsync(WaveSpeedWebhookHeaders.From(request.Header), body, request.Aborted);
        if (!verification.IsValid || verification.Payload is not { } prediction)
        {
            return Reject(request, ProviderNames.WaveSpeed, verification.Reason, verification.Detail);
        }

        if (!prediction.IsTerminal)
        {
            ApiTelemetry.Delivered(ProviderNames.WaveSpeed, prediction.Id, first: false);
            return TypedResults.Json(new { received = true, acted = false }, NatakJson.Options);
        }

        return await DeliverAsync(request, ProviderNames.WaveSpeed, new ProviderWebhookEvent(ProviderNames.WaveSpeed, prediction.Id, prediction.Succeeded,
            prediction.Failure?.Message));
    }

    private static async Task<IResult> DeliverAsync(ApiRequest request, string provider, ProviderWebhookEvent delivery)
    {
        var jobId = request.Query("job");
        var step = request.Query("step");
        if (!request.Service<WebhookUrls>().IsValid(provider, jobId, step, request.Query("t")))
        {
            LogRejected(request.Service<ILoggerFactory>().CreateLogger(typeof(WebhookHandlers)), provider, "token does not match the job and step");
            ApiTelemetry.Refused(provider, "token_mismatch");
            return ApiPipeline.ProblemResult(ApiProblem.Unauthorized("The webhook URL's token does not match its job and step."), request.Http);
        }

        var inbox = request.Service<WebhookInbox>();
        var receipt = new WebhookReceipt(provider, delivery.RequestId, jobId!, step!, delivery.Succeeded ? "OK" : "ERROR", request.Service<TimeProvider>().GetUtcNow());
        var first = await inbox.RecordAsync(receipt, request.Aborted);
        if (first)
        {
            try
            {
                // not tied to the provider's connection: once recorded, the event must be raised
                await request.Durable.RaiseEventAsync(jobId!, JobEvents.Webhook(step!), delivery, CancellationToken.None);
            }
            catch
            {
                // not raised: forget the receipt, so the provider's retry of this delivery is acted on (the error answers 500)
                await inbox.ForgetAsync(receipt, CancellationToken.None);
                throw;
            }
        }

        ApiTelemetry.Delivered(provider, delivery.RequestId, first);
        return TypedResults.Json(new { received = true, acted = first }, NatakJson.Options);
    }

    private static System.Diagnostics.Activity? StartDelivery(ApiRequest request, string provider) =>
        ApiTelemetry.StartDelivery(provider, request.Query("job"), request.Query("step"), request.Query(ApiTelemetry.TraceParentParameter));

    private static IResult Reject(ApiRequest request, string provider, WebhookRejectReason? reason, string detail)
    {
        LogRejected(request.Service<ILoggerFactory>().CreateLogger(typeof(WebhookHandlers)), provider, detail);
        ApiTelemetry.Refused(provider, reason?.ToString() ?? "unverified");
        return reason == WebhookRejectReason.SigningMaterialUnavailable
            ? ApiPipeline.ProblemResult(ApiProblem.Create(503, ProblemCodes.ServiceUnavailable, "Cannot verify right now.",
                "The provider's signing keys could not be fetched; deliver again later."), request.Http)
            : ApiPipeline.ProblemResult(ApiProblem.Unauthorized("The webhook signature could not be verified."), request.Http);
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Rejected a {Provider} webhook: {Detail}")]
    private static partial void LogRejected(ILogger logger, string provider, string detail);
}
