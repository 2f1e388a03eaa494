using Azure.Data.Tables;

namespace Natak.Tables.Credits;

/// <summary>What a command decides from the account as read.</summary>
internal abstract record Decision
{
    private Decision()
    {
    }

    /// <summary>A business outcome; nothing is written (in particular no fence, so the op key stays free).</summary>
    public sealed record Reject(LedgerResult Result) : Decision;

    /// <summary>The hold already ended exactly as asked, by the operation with this op key: answer with its receipt.</summary>
    public sealed record SameAs(string OpKey) : Decision;

    /// <summary>
    /// Submit this transaction; on success the caller gets the receipt. <c>NewHold</c> is a hold it creates,
    /// to be put in the expiry index before it commits.
    /// </summary>
    public sealed record Commit(IReadOnlyList<TableTransactionAction> Actions, LedgerReceipt Receipt, LedgerHold? NewHold) : Decision;
}
