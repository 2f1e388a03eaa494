namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>A request a provider accepted: what to poll, where the result is, how to cancel it.</summary>
public sealed record ProviderHandle(string Provider, string ModelId, string RequestId, string? StatusUrl, string? ResponseUrl, string? CancelUrl)
{
    /// <summary>When the provider accepted it (step latency is measured from here); null in handles stored before it was kept.</summary>
    public DateTimeOffset? SubmittedUtc { get; init; }
}
