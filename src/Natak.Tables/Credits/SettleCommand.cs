using System.Globalization;

namespace Natak.Tables.Credits;

/// <summary>
/// Capture, release or expiry of a pending hold: <c>Add K · UpdateReplace H (If-Match) · Add J · UpdateReplace BAL</c>.
/// A capture of less than the hold gives the remainder back in the same transaction (a second journal row).
/// </summary>
internal sealed class SettleCommand : LedgerCommand
{
    private readonly string _holdId;
    private readonly HoldStatus _outcome;
    private readonly long _captured;
    private readonly string? _extRef;

    private SettleCommand(string userId, string holdId, HoldStatus outcome, long captured, string opKey, string? extRef)
        : base(userId, opKey)
    {
        _holdId = LedgerKeys.Require(holdId, nameof(holdId));
        ArgumentOutOfRangeException.ThrowIfNegative(captured);
        _outcome = outcome;
        _captured = captured;
        _extRef = extRef;
    }

    public override string? HoldId => _holdId;

    public override string RequestHash => Credits.RequestHash.Of("settle", _holdId, _outcome.ToString(), _captured.ToString(CultureInfo.InvariantCulture));

    public static SettleCommand Capture(string userId, string holdId, long actual, string opKey, string? extRef) =>
        new(userId, holdId, HoldStatus.Captured, actual, opKey, extRef);

    public static SettleCommand Release(string userId, string holdId, string opKey) => new(userId, holdId, HoldStatus.Released, 0, opKey, null);

    public static SettleCommand Expire(string userId, string holdId, string opKey) => new(userId, holdId, HoldStatus.Expired, 0, opKey, null);

    public override Decision Decide(AccountState state, DateTimeOffset now)
    {
        if (state.Hold is not { } hold)
        {
            return new Decision.Reject(new LedgerResult.HoldNotFound(_holdId));
        }

        if (hold.Status != HoldStatus.Pending)
        {
            // Ended exactly this way already (under another op key): the same answer, not an error.
            return hold.Status == _outcome && hold.Captured == _captured && hold.ClosedBy is { } closedBy
                ? new Decision.SameAs(closedBy)
                : new Decision.Reject(new LedgerResult.HoldConflict(hold));
        }

        if (_captured > hold.Amount)
        {
            return new Decision.Reject(new LedgerResult.CaptureExceedsHold(_holdId, hold.Amount, _captured));
        }

        var tx = new LedgerTransaction(state.Partition, state.Head, OpKey, now);
        tx.ReplaceHold(hold with { Status = _outcome, Captured = _captured, ClosedUtc = now, ClosedBy = OpKey }, state.HoldETag);
        if (_captured > 0)
        {
            tx.Journal(JournalKind.Capture, _captured, _holdId, hold.JobId, _extRef);
        }

        var remainder = hold.Amount - _captured;
        var giveBack = _outcome == HoldStatus.Expired ? JournalKind.Expire : JournalKind.Release;
        if (remainder > 0)
        {
            tx.Journal(giveBack, remainder, _holdId, hold.JobId, _extRef);
        }

        var kind = _outcome == HoldStatus.Captured ? JournalKind.Capture : giveBack;
        return tx.Seal(RequestHash, kind, _captured, remainder, _holdId);
    }
}
