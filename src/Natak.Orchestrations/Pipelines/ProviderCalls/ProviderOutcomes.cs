namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>The submit activity's answer: a handle, or why nothing (or possibly something) was started.</summary>
public sealed record SubmitOutcome(ProviderHandle? Handle, StepFailure? Failure);

/// <summary>Where a request stands after one status poll.</summary>
public enum PollState
{
    Pending,
    Succeeded,
    Failed,
}

public sealed record PollOutcome(PollState State, StepFailure? Failure);

/// <summary>The outputs copied into R2, measured, and what they cost us.</summary>
public sealed record CollectOutcome(IReadOnlyList<AssetRef> Assets, long? Seed, decimal CostUsd, StepFailure? Failure);

/// <summary>What a provider call delivered (or why not), and which provider delivered it.</summary>
public sealed record ProviderCallResult(StepOutput? Output, StepFailure? Failure, string? Provider, decimal CostUsd)
{
    public bool Succeeded => Output is not null;
}

/// <summary>A verified webhook delivery, as raised to the provider call's orchestration.</summary>
public sealed record ProviderWebhookEvent(string Provider, string RequestId, bool Succeeded, string? Error);

public sealed record CollectRequest(ProviderCallInput Call, ProviderHandle Handle);

public sealed record SubmitRequest(ProviderCallInput Call, string Provider);
