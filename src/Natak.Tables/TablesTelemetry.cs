using System.Diagnostics.Metrics;
using Natak.Core.Telemetry;
using Natak.Tables.Credits;

namespace Natak.Tables;

/// <summary>
/// The meter <c>Natak.Tables</c>: ledger writes (retries, outcomes), credits moved, provider spend and hold sweeps.
/// Each figure is counted where it is written once — an applied ledger transaction, a spend row created — so a
/// repeated activity does not count twice. Table calls themselves are traced by the Azure SDK.
/// </summary>
internal static class TablesTelemetry
{
    public const string MeterName = NatakTelemetryNames.Tables;

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Transactions sent again after a conflict (<c>reason=conflict</c>) or an unknown outcome (<c>reason=ambiguous</c>).</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("natak.ledger.write.retries", "{retry}", "Ledger transactions sent again, by reason (conflict, ambiguous).");

    /// <summary>Finished writes by outcome (<c>applied</c>, <c>replayed</c>, <c>rejected</c>, <c>conflict</c>, <c>exhausted</c>).</summary>
    public static readonly Counter<long> Outcomes = Meter.CreateCounter<long>("natak.ledger.write.outcomes", "{write}", "Ledger writes by outcome (applied, replayed, rejected, conflict, exhausted).");

    private static readonly Counter<long> Reserved = Meter.CreateCounter<long>("natak.credits.reserved", "{credit}", "Credits put on hold for jobs.");

    private static readonly Counter<long> Captured = Meter.CreateCounter<long>("natak.credits.captured", "{credit}", "Credits charged for delivered outputs.");

    private static readonly Counter<long> Released = Meter.CreateCounter<long>("natak.credits.released", "{credit}", "Held credits given back, by reason (release, capture_remainder, expire).");

    private static readonly Counter<long> Added = Meter.CreateCounter<long>("natak.credits.added", "{credit}", "Credits added to accounts, by kind (purchase, grant).");

    private static readonly Counter<double> Spend = Meter.CreateCounter<double>("natak.spend", "USD", "Provider spend recorded for delivered steps, by provider and model.");

    private static readonly Counter<long> Sweeps = Meter.CreateCounter<long>("natak.holds.sweeps", "{sweep}", "Hold sweeps run.");

    private static readonly Counter<long> Swept = Meter.CreateCounter<long>("natak.holds.swept", "{hold}", "Due holds a sweep looked at, by verdict (expired, still_running, already_closed, orphan).");

    /// <summary>Counts the credits an applied (not replayed) ledger operation moved.</summary>
    public static void Applied(LedgerReceipt receipt)
    {
        switch (receipt.Kind)
        {
            case JournalKind.Hold:
                Reserved.Add(receipt.Amount);
                break;
            case JournalKind.Capture:
                Captured.Add(receipt.Amount);
                GaveBack(receipt.Released, "capture_remainder");
                break;
            case JournalKind.Release:
                GaveBack(receipt.Released, "release");
                break;
            case JournalKind.Expire:
                GaveBack(receipt.Released, "expire");
                break;
            default:
                Added.Add(receipt.Amount, new KeyValuePair<string, object?>("natak.credit.kind", receipt.Kind.ToString()));
                break;
        }
    }

    public static void SpendRecorded(string provider, string model, decimal costUsd) =>
        Spend.Add((double)costUsd, new(NatakTelemetryNames.Provider, provider), new(NatakTelemetryNames.Model, model));

    public static void SweepDone(HoldSweepResult result)
    {
        Sweeps.Add(1);
        Verdict(result.Expired, "expired");
        Verdict(result.StillRunning, "still_running");
        Verdict(result.AlreadyClosed, "already_closed");
        Verdict(result.Orphans, "orphan");
    }

    private static void GaveBack(long credits, string reason)
    {
        if (credits > 0)
        {
            Released.Add(credits, new KeyValuePair<string, object?>(NatakTelemetryNames.Reason, reason));
        }
    }

    private static void Verdict(int count, string verdict)
    {
        if (count > 0)
        {
            Swept.Add(count, new KeyValuePair<string, object?>("natak.sweep.verdict", verdict));
        }
    }
}
