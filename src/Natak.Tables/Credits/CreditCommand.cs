namespace Natak.Tables.Credits;

/// <summary>Credit: <c>Add K · Add J · UpdateReplace BAL</c>.</summary>
internal sealed class CreditCommand : LedgerCommand
{
    private readonly long _amount;
    private readonly CreditKind _kind;
    private readonly string _extRef;
    private readonly string? _reason;

    public CreditCommand(string userId, long amount, CreditKind kind, string opKey, string extRef, string? reason)
        : base(userId, opKey)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown credit kind");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(extRef);
        _amount = amount;
        _kind = kind;
        _extRef = extRef;
        _reason = reason;
    }

    public override string RequestHash => Credits.RequestHash.Of("credit", _kind.ToString(), _amount.ToString(System.Globalization.CultureInfo.InvariantCulture), _extRef);

    public override Decision Decide(AccountState state, DateTimeOffset now)
    {
        var kind = _kind switch
        {
            CreditKind.Purchase => JournalKind.Purchase,
            CreditKind.Grant => JournalKind.Grant,
            _ => JournalKind.Adjust,
        };
        var tx = new LedgerTransaction(state.Partition, state.Head, OpKey, now);
        tx.Journal(kind, _amount, extRef: _extRef, reason: _reason);
        return tx.Seal(RequestHash, kind, _amount, released: 0, holdId: null);
    }
}
