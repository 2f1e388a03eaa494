namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>A request a provider accepted: what to poll, where the result is, how to cancel it.</summary>
public sealed record ProviderHandle(string Provider, string ModelId, string RequestId, string? StatusUrl, string? ResponseUrl, string? CancelUrl);
