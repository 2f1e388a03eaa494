namespace Natak.Providers.WaveSpeed;

/// <summary>A WaveSpeed task's state.</summary>
public enum WaveSpeedPredictionStatus
{
    /// <summary><c>created</c> (also <c>pending</c>/<c>queued</c>): accepted, not started.</summary>
    Created,

    /// <summary><c>processing</c>: running.</summary>
    Processing,

    /// <summary><c>completed</c>: outputs are ready.</summary>
    Completed,

    /// <summary><c>failed</c>, or a status this client does not know.</summary>
    Failed,

    /// <summary><c>cancelled</c>.</summary>
    Cancelled,

    /// <summary><c>timeout</c>.</summary>
    TimedOut,
}
