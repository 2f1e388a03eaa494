using Azure;
using Azure.Data.Tables;

namespace Natak.Tables.Credits;

/// <summary>
/// Builds the one entity-group transaction of a ledger write: the journal rows, the hold change, the fence and
/// the head. Every row it touches carries its own guard — Add fails with 409 if the row exists, Update carries
/// If-Match — so a decision made on a stale read can never commit.
/// </summary>
internal sealed class LedgerTransaction
{
    // Entity-group transaction limits (Azure; Azurite does not enforce them, so they are checked here).
    private const int MaxActions = 100;

    private readonly List<TableTransactionAction> _actions = [];
    private readonly string _partition;
    private readonly AccountHead _head;
    private readonly string _opKey;
    private readonly DateTimeOffset _now;

    public LedgerTransaction(string partition, AccountHead head, string opKey, DateTimeOffset now)
    {
        _partition = partition;
        _head = head;
        _opKey = opKey;
        _now = now;
        Balance = head.Balance;
    }

    /// <summary>The head as it will be once the transaction commits.</summary>
    public AccountBalance Balance { get; private set; }

    public void Journal(JournalKind kind, long amount, string? holdId = null, string? jobId = null, string? extRef = null, string? reason = null)
    {
        Balance = Balance.Apply(kind, amount);
        var entry = new JournalEntry(Balance.Seq, kind, amount, _opKey, holdId, jobId, extRef, reason, Balance.Balance, Balance.Available, _now);
        _actions.Add(new TableTransactionAction(TableTransactionActionType.Add, LedgerRows.WriteJournal(_partition, entry)));
    }

    public void AddHold(LedgerHold hold) =>
        _actions.Add(new TableTransactionAction(TableTransactionActionType.Add, LedgerRows.WriteHold(_partition, hold)));

    public void ReplaceHold(LedgerHold hold, ETag etag) =>
        _actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, LedgerRows.WriteHold(_partition, hold), etag));

    /// <summary>Adds the fence (with the receipt a repeat will get) and the head, and checks the batch is legal.</summary>
    public Decision.Commit Seal(string requestHash, JournalKind kind, long amount, long released, string? holdId, LedgerHold? newHold = null)
    {
        var receipt = new LedgerReceipt(_opKey, kind, amount, released, holdId, Balance.Seq, Balance, _now);
        var actions = new List<TableTransactionAction>(_actions.Count + 2)
        {
            new(TableTransactionActionType.Add, LedgerRows.WriteFence(_partition, _opKey, requestHash, receipt)),
        };
        actions.AddRange(_actions);
        var head = LedgerRows.WriteHead(_partition, Balance, _head.Version + 1);
        actions.Add(_head.ETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, head));
        EnsureValid(actions);
        return new Decision.Commit(actions, receipt, newHold);
    }

    internal static void EnsureValid(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count is 0 or > MaxActions)
        {
            throw new InvalidOperationException($"An entity-group transaction holds 1 to {MaxActions} actions, not {actions.Count}.");
        }

        var partition = actions[0].Entity.PartitionKey;
        if (actions.Any(a => !string.Equals(a.Entity.PartitionKey, partition, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("An entity-group transaction must stay within one partition.");
        }

        if (actions.Select(a => a.Entity.RowKey).Distinct(StringComparer.Ordinal).Count() != actions.Count)
        {
            throw new InvalidOperationException("An entity-group transaction may touch each row only once.");
        }
    }
}
