using System.Diagnostics;
using System.Diagnostics.Metrics;
using Natak.Core.Jobs;
using Natak.Core.Telemetry;

namespace Natak.Api.Telemetry;

/// <summary>
/// The HTTP application's telemetry: the meter <c>Natak.Api</c> (jobs started by kind, webhook deliveries by outcome
/// and reason) and the source <c>Natak.Api</c>, whose one span per webhook delivery is linked to the step that
/// handed the provider its webhook URL (the URL carries that step's <c>traceparent</c>).
/// </summary>
internal static class ApiTelemetry
{
    /// <summary>The webhook URL's query parameter with the submitting step's W3C traceparent.</summary>
    public const string TraceParentParameter = "tp";

    private static readonly ActivitySource Source = new(NatakTelemetryNames.Api);

    private static readonly Meter Meter = new(NatakTelemetryNames.Api);

    private static readonly Counter<long> Started = Meter.CreateCounter<long>(
        "natak.jobs.started", "{job}", "Jobs accepted and scheduled, by kind.");

    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>(
        "natak.webhooks.deliveries", "{delivery}", "Provider webhook deliveries by provider, outcome (accepted, duplicate, refused) and refusal reason.");

    /// <summary>Tags the request's span with the job about to be scheduled (its orchestration becomes a child of this span).</summary>
    public static void Starting(JobKind kind, string jobId, string userId)
    {
        if (Activity.Current is { } span)
        {
            span.SetTag(NatakTelemetryNames.JobId, jobId);
            span.SetTag(NatakTelemetryNames.JobKind, kind.ToWire());
            span.SetTag(NatakTelemetryNames.UserId, userId);
        }
    }

    public static void Scheduled(JobKind kind) =>
        Started.Add(1, new KeyValuePair<string, object?>(NatakTelemetryNames.JobKind, kind.ToWire()));

    /// <summary>The span of one webhook delivery, linked to the submitting step when the URL names its trace.</summary>
    public static Activity? StartDelivery(string provider, string? jobId, string? step, string? traceParent)
    {
        ActivityLink[]? links = ActivityContext.TryParse(traceParent, null, out var submitted) ? [new ActivityLink(submitted)] : null;
        var activity = Source.StartActivity($"webhook {provider}", ActivityKind.Internal, parentContext: default, links: links);
        activity?.SetTag(NatakTelemetryNames.Provider, provider);
        activity?.SetTag(NatakTelemetryNames.JobId, jobId);
        activity?.SetTag(NatakTelemetryNames.Step, step);
        return activity;
    }

    public static void Delivered(string provider, string? requestId, bool first)
    {
        Activity.Current?.SetTag(NatakTelemetryNames.ProviderRequestId, requestId);
        Count(provider, first ? "accepted" : "duplicate", reason: null);
    }

    public static void Refused(string provider, string reason)
    {
        Activity.Current?.SetStatus(ActivityStatusCode.Error, reason);
        Activity.Current?.SetTag(NatakTelemetryNames.Reason, reason);
        Count(provider, "refused", reason);
    }

    private static void Count(string provider, string outcome, string? reason) =>
        Deliveries.Add(1,
            new(NatakTelemetryNames.Provider, provider),
            new("natak.webhook.outcome", outcome),
            new(NatakTelemetryNames.Reason, reason));
}
