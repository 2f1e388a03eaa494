namespace Natak.Providers.Fal;

/// <summary>A fal queue status. COMPLETED is not success: a completed request may carry a <see cref="Failure"/>.</summary>
/// <param name="State">Queue state.</param>
/// <param name="Failure">Set when the request completed with an error.</param>
public sealed record FalQueueStatus(FalQueueState State, ProviderFailure? Failure)
{
    /// <summary>True once fal will do no more work on the request.</summary>
    public bool IsCompleted => State == FalQueueState.Completed;

    /// <summary>True when the request completed without an error: fetch the result.</summary>
    public bool Succeeded => IsCompleted && Failure is null;
}
