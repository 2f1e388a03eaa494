namespace Natak.Tables.Credits;

/// <summary>Settings of <see cref="HoldSweeper"/>, bound from <c>Ledger:HoldSweeper</c>.</summary>
public sealed class HoldSweeperOptions
{
    public const string SectionName = "Ledger:HoldSweeper";

    /// <summary>Due holds handled per sweep; the rest wait for the next one (<see cref="HoldSweepResult.MoreDue"/>).</summary>
    public int MaxHoldsPerSweep { get; set; } = 500;

    /// <summary>Holds handled at once.</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>
    /// How long past its expiry an index row whose hold does not exist is kept: a reserve writes the row first,
    /// so a hold may still be on its way.
    /// </summary>
    public TimeSpan OrphanGrace { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// When a due hold's job is still running, how long until the sweeper looks at it again. Its index row is
    /// filed under that later time, so running jobs never fill a sweep and keep the holds behind them waiting.
    /// </summary>
    public TimeSpan RecheckRunningAfter { get; set; } = TimeSpan.FromMinutes(30);
}
