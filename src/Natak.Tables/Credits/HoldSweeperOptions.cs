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
}
