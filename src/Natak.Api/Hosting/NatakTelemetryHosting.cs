using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Natak.Api.Telemetry;
using Natak.Core.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Natak.Api.Hosting;

/// <summary>
/// OpenTelemetry for both hosts: Natak's sources and meters, the Durable Task SDK's orchestration and activity spans,
/// Azure SDK spans (table, blob and queue calls) and outgoing HTTP (providers, R2). Each host adds its exporter:
/// Azure Monitor in the Functions app, OTLP in the dev host when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class NatakTelemetryHosting
{
    /// <summary>The <c>service.name</c> Natak reports when <c>OTEL_SERVICE_NAME</c> does not say otherwise.</summary>
    public const string ServiceName = "natak";

    public static OpenTelemetryBuilder AddNatakTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // The Azure SDK emits its spans through ActivitySource only behind this switch (set before any client is used).
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);

        return builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource([.. NatakTelemetryNames.Sources, DurableJobTags.SourceName, "Azure.*"])
                .AddProcessor(new DurableJobTags())
                .AddHttpClientInstrumentation(http =>
                {
                    // gRPC to the Durable sidecar or the Functions host is plumbing, and Azure SDK calls have their own spans.
                    http.FilterHttpRequestMessage = request => !IsGrpc(request.Content?.Headers.ContentType) && !InAzureSdkCall();
                }))
            .WithMetrics(metrics => metrics.AddMeter([.. NatakTelemetryNames.Meters]));
    }

    // The filter runs with the HTTP span already current; the Azure SDK's own request span is its parent.
    private static bool InAzureSdkCall() =>
        Activity.Current is { } span && (IsAzure(span) || (span.Parent is { } parent && IsAzure(parent)));

    private static bool IsAzure(Activity span) => span.Source.Name.StartsWith("Azure.", StringComparison.Ordinal);

    private static bool IsGrpc(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
