namespace Natak.Tables.Credits;

/// <summary>
/// A user's credits as two-phase transfers: <see cref="ReserveAsync"/> before a paid call, then
/// <see cref="CaptureAsync"/> what was delivered or <see cref="ReleaseAsync"/> the hold. Every write is
/// idempotent by its op key (derive it deterministically: <c>hold:{jobId}:{step}</c>, <c>capture:{jobId}:{step}</c>,
/// <c>purchase:{paymentId}</c>…): repeating a request returns the first result; reusing a key for a different
/// request returns <see cref="LedgerResult.IdempotencyConflict"/>.
/// </summary>
public interface ICreditLedger
{
    /// <summary>
    /// Adds credits. The amount is the caller's (for purchases, from the server-side pack table); <c>extRef</c>
    /// is the outside reference, e.g. the payment id.
    /// </summary>
    Task<LedgerResult> CreditAsync(string userId, long amount, CreditKind kind, string opKey, string extRef, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes purchased credits back after the payment was refunded or disputed. Unlike a hold it needs no
    /// available credits: the balance may go negative, and then no new hold succeeds until it is positive again
    /// (running jobs keep the holds they already have).
    /// </summary>
    Task<LedgerResult> TakeBackAsync(string userId, long amount, TakeBackKind kind, string opKey, string extRef, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Holds <paramref name="amount"/> credits for a job if they are available; otherwise
    /// <see cref="LedgerResult.InsufficientCredits"/> and nothing is recorded, so the same op key may succeed
    /// after a top-up.
    /// </summary>
    Task<LedgerResult> ReserveAsync(string userId, string holdId, long amount, string jobId, DateTimeOffset expiresUtc, string opKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Spends <paramref name="actual"/> (≤ the hold) and gives the rest of the hold back, in one transaction;
    /// <c>extRef</c> (the provider request id the credits paid for) is recorded in the journal.
    /// </summary>
    Task<LedgerResult> CaptureAsync(string userId, string holdId, long actual, string opKey, string? extRef = null, CancellationToken cancellationToken = default);

    /// <summary>Gives a whole pending hold back (failure, cancellation).</summary>
    Task<LedgerResult> ReleaseAsync(string userId, string holdId, string opKey, CancellationToken cancellationToken = default);

    /// <summary>Gives a whole pending hold back because it outlived its job (the sweeper's release).</summary>
    Task<LedgerResult> ExpireAsync(string userId, string holdId, string opKey, CancellationToken cancellationToken = default);

    Task<AccountBalance> GetBalanceAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>The journal, newest first, <paramref name="limit"/> (1–1000) rows per page.</summary>
    /// <exception cref="Jobs.InvalidCursorException">The cursor was not issued by this method.</exception>
    Task<JournalPage> GetEntriesAsync(string userId, int limit, string? cursor = null, CancellationToken cancellationToken = default);

    /// <summary>The journal rows of one job (its hold, capture, release or expiry), oldest first: one query over the user's journal.</summary>
    Task<IReadOnlyList<JournalEntry>> GetJobEntriesAsync(string userId, string jobId, CancellationToken cancellationToken = default);

    Task<LedgerHold?> GetHoldAsync(string userId, string holdId, CancellationToken cancellationToken = default);
}
