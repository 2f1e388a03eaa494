namespace Natak.Tables.Credits;

/// <summary>What one sweep did.</summary>
/// <param name="Due">Index rows of holds past their expiry that this sweep looked at.</param>
/// <param name="Expired">Holds this sweep expired (credits given back).</param>
/// <param name="StillRunning">Pending holds left alone because their job still runs.</param>
/// <param name="AlreadyClosed">Holds that had been captured, released or expired already (their rows are dropped).</param>
/// <param name="Orphans">Rows dropped because their hold never came into being.</param>
/// <param name="MoreDue">The sweep stopped at its limit; more holds are due.</param>
public sealed record HoldSweepResult(int Due, int Expired, int StillRunning, int AlreadyClosed, int Orphans, bool MoreDue);
