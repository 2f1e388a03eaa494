namespace Natak.Tables.Credits;

/// <summary>One ledger operation: its op key, the fingerprint of its request and how it decides.</summary>
internal abstract class LedgerCommand(string userId, string opKey)
{
    public string UserId { get; } = LedgerKeys.Require(userId, nameof(userId));

    public string OpKey { get; } = LedgerKeys.Require(opKey, nameof(opKey));

    /// <summary>The hold to read along with the head, if the operation concerns one.</summary>
    public virtual string? HoldId => null;

    /// <summary>
    /// True when the operation creates its hold (an <c>Add</c> in its transaction): a first attempt need not read it,
    /// since an existing hold fails the <c>Add</c> with 409 and the next attempt reads everything.
    /// </summary>
    public virtual bool CreatesHold => false;

    /// <summary>
    /// What makes two requests "the same" for the fence. It covers what moves money; descriptive fields (a
    /// reason, an expiry derived from a clock) are left out so an honest retry is not mistaken for a conflict.
    /// </summary>
    public abstract string RequestHash { get; }

    public abstract Decision Decide(AccountState state, DateTimeOffset now);
}
