using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Natak.Tables.Credits;

/// <summary>
/// The safety net for a lost orchestration: expires pending holds that are past their expiry and whose job no
/// longer runs, giving the credits back. Hosts call <see cref="SweepAsync"/> from a timer on one long-lived
/// instance (a singleton). Sweeps are idempotent and may overlap: the expiry of a hold has the fixed op key
/// <c>expire:{holdId}</c>, so two sweepers (or a sweep repeated after a crash) expire it once. A hold whose job
/// still runs is filed again under <see cref="HoldSweeperOptions.RecheckRunningAfter"/> from now, so however many
/// long jobs are running, the holds due behind them are reached by the next sweeps.
/// </summary>
public sealed class HoldSweeper
{
    private readonly ICreditLedger _ledger;
    private readonly HoldExpiryIndex _index;
    private readonly HoldSweeperOptions _options;
    private readonly ILogger _logger;

    public HoldSweeper(
        ICreditLedger ledger,
        TableServiceClient tables,
        IOptions<CreditLedgerOptions> ledgerOptions,
        IOptions<HoldSweeperOptions> options,
        ILogger<HoldSweeper>? logger = null)
    {
        _ledger = ledger;
        _index = new HoldExpiryIndex(tables, ledgerOptions.Value.HoldExpiryTableName);
        _options = options.Value;
        _logger = logger ?? NullLogger<HoldSweeper>.Instance;
    }

    /// <summary>The op key of the sweeper's expiry of a hold.</summary>
    public static string ExpireOpKey(string holdId) => "expire:" + holdId;

    /// <summary>Looks at up to <see cref="HoldSweeperOptions.MaxHoldsPerSweep"/> due holds; <paramref name="jobs"/> tells which jobs still run.</summary>
    public async Task<HoldSweepResult> SweepAsync(IRunningJobProbe jobs, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var due = new List<HoldExpiryEntry>();
        var moreDue = false;
        await foreach (var entry in _index.ExpiredAsync(now, cancellationToken).ConfigureAwait(false))
        {
            if (due.Count == _options.MaxHoldsPerSweep)
            {
                moreDue = true;
                break;
            }

            due.Add(entry);
        }

        var counts = new Counts();
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (entry, ct) => counts.Add(await SweepOneAsync(jobs, entry, now, ct).ConfigureAwait(false))).ConfigureAwait(false);

        var result = new HoldSweepResult(due.Count, counts.Expired, counts.StillRunning, counts.AlreadyClosed, counts.Orphans, moreDue);
        TablesTelemetry.SweepDone(result);
        if (result.Expired > 0 || result.Orphans > 0 || result.MoreDue)
        {
            LedgerLog.SweepDone(_logger, result.Due, result.Expired, result.StillRunning, result.AlreadyClosed, result.Orphans);
        }
        else
        {
            LedgerLog.SweepQuiet(_logger, result.Due, result.StillRunning, result.AlreadyClosed);
        }

        return result;
    }

    private async Task<Verdict> SweepOneAsync(IRunningJobProbe jobs, HoldExpiryEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hold = await _ledger.GetHoldAsync(entry.UserId, entry.HoldId, cancellationToken).ConfigureAwait(false);
        if (hold is null)
        {
            if (entry.ExpiresUtc + _options.OrphanGrace > now)
            {
                return Verdict.None;
            }

            await _index.RemoveAsync(entry, cancellationToken).ConfigureAwait(false);
            return Verdict.Orphan;
        }

        if (hold.Status != HoldStatus.Pending)
        {
            await _index.RemoveAsync(entry, cancellationToken).ConfigureAwait(false);
            return Verdict.AlreadyClosed;
        }

        if (await jobs.IsRunningAsync(hold.JobId, cancellationToken).ConfigureAwait(false))
        {
            // Out of the way of the holds due behind it; its job settles it, or a later sweep looks again.
            await _index.RefileAsync(entry, now + _options.RecheckRunningAfter, cancellationToken).ConfigureAwait(false);
            return Verdict.StillRunning;
        }

        var result = await _ledger.ExpireAsync(entry.UserId, hold.HoldId, ExpireOpKey(hold.HoldId), cancellationToken).ConfigureAwait(false);
        switch (result)
        {
            case LedgerResult.Applied:
                LedgerLog.HoldExpired(_logger, hold.HoldId, hold.JobId, hold.Amount);
                await _index.RemoveAsync(entry, cancellationToken).ConfigureAwait(false);
                return Verdict.Expired;

            case LedgerResult.HoldConflict:
                // Captured or released between the read and the expiry: the job settled it after all.
                await _index.RemoveAsync(entry, cancellationToken).ConfigureAwait(false);
                return Verdict.AlreadyClosed;

            default:
                LedgerLog.HoldNotExpired(_logger, hold.HoldId, result.GetType().Name);
                return Verdict.None;
        }
    }

    private enum Verdict
    {
        None,
        Expired,
        StillRunning,
        AlreadyClosed,
        Orphan,
    }

    private sealed class Counts
    {
        private int _expired;
        private int _stillRunning;
        private int _alreadyClosed;
        private int _orphans;

        public int Expired => _expired;

        public int StillRunning => _stillRunning;

        public int AlreadyClosed => _alreadyClosed;

        public int Orphans => _orphans;

        public void Add(Verdict verdict)
        {
            switch (verdict)
            {
                case Verdict.Expired: Interlocked.Increment(ref _expired); break;
                case Verdict.StillRunning: Interlocked.Increment(ref _stillRunning); break;
                case Verdict.AlreadyClosed: Interlocked.Increment(ref _alreadyClosed); break;
                case Verdict.Orphan: Interlocked.Increment(ref _orphans); break;
                default: break;
            }
        }
    }
}
