namespace Natak.Tables.Credits;

/// <summary>
/// Tells the sweeper whether a job's orchestration is still running. The host supplies it (the Durable client
/// lives there); the ledger knows nothing of orchestrations.
/// </summary>
public interface IRunningJobProbe
{
    /// <summary>True while the job may still capture or release its holds itself.</summary>
    Task<bool> IsRunningAsync(string jobId, CancellationToken cancellationToken = default);
}
