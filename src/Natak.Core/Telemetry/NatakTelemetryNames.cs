namespace Natak.Core.Telemetry;

/// <summary>
/// The names Natak's traces and metrics are published under: one <see cref="System.Diagnostics.ActivitySource"/>
/// and one <see cref="System.Diagnostics.Metrics.Meter"/> per project, and the attribute keys every project tags
/// with. Hosts subscribe to <see cref="Sources"/> and <see cref="Meters"/>; docs/operations.md describes each.
/// </summary>
public static class NatakTelemetryNames
{
    public const string Api = "Natak.Api";
    public const string Orchestrations = "Natak.Orchestrations";
    public const string Providers = "Natak.Providers";
    public const string Tables = "Natak.Tables";
    public const string Assets = "Natak.Assets";

    /// <summary>Activity sources with Natak's own spans (webhook deliveries, provider calls, R2 operations).</summary>
    public static IReadOnlyList<string> Sources { get; } = [Api, Providers, Assets];

    /// <summary>Meters with Natak's own metrics.</summary>
    public static IReadOnlyList<string> Meters { get; } = [Api, Orchestrations, Providers, Tables, Assets];

    public const string JobId = "natak.job.id";
    public const string JobKind = "natak.job.kind";
    public const string JobStatus = "natak.job.status";
    public const string UserId = "natak.user.id";
    public const string Step = "natak.step";
    public const string Provider = "natak.provider";
    public const string Model = "natak.model";
    public const string ProviderRequestId = "natak.provider.request_id";
    public const string ProviderOperation = "natak.provider.operation";
    public const string ErrorCode = "natak.error.code";
    public const string CostUsd = "natak.cost_usd";
    public const string Reason = "natak.reason";
}
