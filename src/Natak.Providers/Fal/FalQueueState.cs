namespace Natak.Providers.Fal;

/// <summary>Where a fal request is in the queue.</summary>
public enum FalQueueState
{
    /// <summary><c>IN_QUEUE</c>: waiting for a runner.</summary>
    InQueue,

    /// <summary><c>IN_PROGRESS</c>: running.</summary>
    InProgress,

    /// <summary><c>COMPLETED</c>: finished — successfully or not; see <see cref="FalQueueStatus.Failure"/>.</summary>
    Completed,
}
