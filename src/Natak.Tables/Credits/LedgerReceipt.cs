namespace Natak.Tables.Credits;

/// <summary>
/// What an applied operation did. It is stored with the operation's idempotency fence (<c>K|{opKey}</c>), so a
/// repeat of the same request returns this very receipt.
/// </summary>
/// <param name="OpKey">The operation's idempotency key.</param>
/// <param name="Kind">The operation: the credit kind, <see cref="JournalKind.Hold"/>, <see cref="JournalKind.Capture"/>, <see cref="JournalKind.Release"/> or <see cref="JournalKind.Expire"/>.</param>
/// <param name="Amount">Credits added, held or captured.</param>
/// <param name="Released">Credits given back from the hold (the unused remainder of a capture, or all of a released or expired hold).</param>
/// <param name="HoldId">The hold concerned, if any.</param>
/// <param name="Seq">The sequence number of the last journal row this operation wrote.</param>
/// <param name="BalanceAfter">The account head once the operation was applied.</param>
/// <param name="AppliedUtc">When it was applied.</param>
public sealed record LedgerReceipt(
    string OpKey,
    JournalKind Kind,
    long Amount,
    long Released,
    string? HoldId,
    long Seq,
    AccountBalance BalanceAfter,
    DateTimeOffset AppliedUtc);
