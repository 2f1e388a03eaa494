using System.Diagnostics.Metrics;

namespace Natak.Tables.Credits;

/// <summary>The ledger's meter: write attempts that had to be repeated, by reason, and final outcomes.</summary>
internal static class LedgerTelemetry
{
    public const string MeterName = "Natak.Tables";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Transactions sent again after a conflict (<c>reason=conflict</c>) or an unknown outcome (<c>reason=ambiguous</c>).</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("natak.ledger.write.retries");

    /// <summary>Finished writes by outcome (<c>applied</c>, <c>replayed</c>, <c>rejected</c>, <c>conflict</c>, <c>exhausted</c>).</summary>
    public static readonly Counter<long> Outcomes = Meter.CreateCounter<long>("natak.ledger.write.outcomes");
}
