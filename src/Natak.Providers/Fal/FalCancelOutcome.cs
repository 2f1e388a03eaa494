namespace Natak.Providers.Fal;

/// <summary>What fal said to a cancel.</summary>
public enum FalCancelOutcome
{
    /// <summary><c>OK</c>.</summary>
    Ok,

    /// <summary><c>CANCELLATION_REQUESTED</c> (HTTP 202): queued requests are dropped, running ones are signalled.</summary>
    CancellationRequested,

    /// <summary><c>ALREADY_COMPLETED</c> (HTTP 400): too late; the result stands (and is billed).</summary>
    AlreadyCompleted,

    /// <summary><c>NOT_FOUND</c> (HTTP 404).</summary>
    NotFound,
}
