using System.Globalization;

namespace Natak.Tables.Credits;

/// <summary>
/// Reserve: only if <c>DebitsPosted + DebitsPending + amount ≤ CreditsPosted</c>;
/// <c>Add K · Add H(Pending) · Add J · UpdateReplace BAL</c>.
/// </summary>
internal sealed class ReserveCommand : LedgerCommand
{
    private readonly string _holdId;
    private readonly long _amount;
    private readonly string _jobId;
    private readonly DateTimeOffset _expiresUtc;

    public ReserveCommand(string userId, string holdId, long amount, string jobId, DateTimeOffset expiresUtc, string opKey)
        : base(userId, opKey)
    {
        _holdId = LedgerKeys.Require(holdId, nameof(holdId));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        _amount = amount;
        _jobId = jobId;
        _expiresUtc = expiresUtc;
    }

    public override string? HoldId => _holdId;

    public override bool CreatesHold => true;

    public override string RequestHash => Credits.RequestHash.Of("reserve", _holdId, _amount.ToString(CultureInfo.InvariantCulture), _jobId);

    public override Decision Decide(AccountState state, DateTimeOffset now)
    {
        if (state.Hold is { } existing)
        {
            return new Decision.Reject(new LedgerResult.HoldConflict(existing));
        }

        // A hold born expired could race the sweeper's clean-up of index rows that point at no hold.
        if (_expiresUtc <= now)
        {
            throw new ArgumentException($"A hold must expire in the future (expiresUtc {_expiresUtc:O}, now {now:O}).");
        }

        var available = state.Head.Balance.Available;
        if (_amount > available)
        {
            return new Decision.Reject(new LedgerResult.InsufficientCredits(_amount, available));
        }

        var hold = new LedgerHold(_holdId, _jobId, _amount, HoldStatus.Pending, 0, _expiresUtc, now, null, null);
        var tx = new LedgerTransaction(state.Partition, state.Head, OpKey, now);
        tx.AddHold(hold);
        tx.Journal(JournalKind.Hold, _amount, _holdId, _jobId);
        return tx.Seal(RequestHash, JournalKind.Hold, _amount, released: 0, _holdId, newHold: hold);
    }
}
