namespace Natak.Tables.Credits;

/// <summary>
/// The outcome of a ledger write. Business outcomes are values, not exceptions: callers switch on the case.
/// Only <see cref="Applied"/> changed (or had already changed) the account.
/// </summary>
public abstract record LedgerResult
{
    private LedgerResult()
    {
    }

    /// <summary>True when the operation is applied (now, or by an earlier call with the same op key).</summary>
    public bool IsApplied => this is Applied;

    /// <summary>The operation is applied; a repeat of the same request returns the same receipt.</summary>
    public sealed record Applied(LedgerReceipt Receipt) : LedgerResult;

    /// <summary>The hold would overdraw the account. Nothing was recorded, so the same op key may succeed after a top-up.</summary>
    public sealed record InsufficientCredits(long Required, long Available) : LedgerResult;

    /// <summary>The op key was already used for a different request; nothing changed.</summary>
    public sealed record IdempotencyConflict(string OpKey) : LedgerResult;

    /// <summary>There is no hold with this id in the account.</summary>
    public sealed record HoldNotFound(string HoldId) : LedgerResult;

    /// <summary>
    /// The hold exists in a state that contradicts the request: a reserve for a hold id already taken, or a
    /// capture, release or expiry of a hold that already ended differently.
    /// </summary>
    public sealed record HoldConflict(LedgerHold Hold) : LedgerResult;

    /// <summary>A capture asked for more than the hold reserved; nothing changed.</summary>
    public sealed record CaptureExceedsHold(string HoldId, long Reserved, long Requested) : LedgerResult;
}
