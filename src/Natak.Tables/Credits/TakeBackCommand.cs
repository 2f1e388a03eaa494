using System.Globalization;

namespace Natak.Tables.Credits;

/// <summary>
/// Take-back: <c>Add K · Add J · UpdateReplace BAL</c>, with no check against the available credits — the payment
/// behind the credits is gone, so the account may go negative. <see cref="ReserveCommand"/> then refuses every
/// new hold until the balance is positive again; holds already taken are settled as usual.
/// </summary>
internal sealed class TakeBackCommand : LedgerCommand
{
    private readonly long _amount;
    private readonly JournalKind _kind;
    private readonly string _extRef;
    private readonly string? _reason;

    public TakeBackCommand(string userId, long amount, TakeBackKind kind, string opKey, string extRef, string? reason)
        : base(userId, opKey)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        ArgumentException.ThrowIfNullOrWhiteSpace(extRef);
        _kind = kind switch
        {
            TakeBackKind.Refund => JournalKind.Refund,
            TakeBackKind.Dispute => JournalKind.Dispute,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown take-back kind"),
        };
        _amount = amount;
        _extRef = extRef;
        _reason = reason;
    }

    public override string RequestHash => Credits.RequestHash.Of("takeback", _kind.ToString(), _amount.ToString(CultureInfo.InvariantCulture), _extRef);

    public override Decision Decide(AccountState state, DateTimeOffset now)
    {
        var tx = new LedgerTransaction(state.Partition, state.Head, OpKey, now);
        tx.Journal(_kind, _amount, extRef: _extRef, reason: _reason);
        return tx.Seal(RequestHash, _kind, _amount, released: 0, holdId: null);
    }
}
