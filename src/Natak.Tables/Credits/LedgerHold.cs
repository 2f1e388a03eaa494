namespace Natak.Tables.Credits;

/// <summary>
/// A reservation (<c>H|{holdId}</c>). Once it is no longer pending, <c>Captured</c> is what was spent and
/// <c>ClosedBy</c> the op key of the capture, release or expiry that ended it.
/// </summary>
public sealed record LedgerHold(
    string HoldId,
    string JobId,
    long Amount,
    HoldStatus Status,
    long Captured,
    DateTimeOffset ExpiresUtc,
    DateTimeOffset CreatedUtc,
    DateTimeOffset? ClosedUtc,
    string? ClosedBy);
