namespace Natak.Tables.Credits;

/// <summary>
/// One row of an account's append-only journal (<c>J|{seq:D19}</c>). <c>ExtRef</c> is the outside reference
/// (payment id of a purchase, provider request id of a capture); <c>BalanceAfter</c> and <c>AvailableAfter</c>
/// are <see cref="AccountBalance.Balance"/> and <see cref="AccountBalance.Available"/> after this row.
/// </summary>
public sealed record JournalEntry(
    long Seq,
    JournalKind Kind,
    long Amount,
    string OpKey,
    string? HoldId,
    string? JobId,
    string? ExtRef,
    string? Reason,
    long BalanceAfter,
    long AvailableAfter,
    DateTimeOffset CreatedUtc);
