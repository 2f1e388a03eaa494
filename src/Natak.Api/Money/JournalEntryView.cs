using Natak.Tables.Credits;

namespace Natak.Api.Money;

/// <summary>
/// One row of the caller's journal (<c>GET /api/credits/entries</c>). <see cref="Kind"/> is <c>purchase</c>,
/// <c>grant</c>, <c>adjust</c>, <c>hold</c>, <c>capture</c>, <c>release</c>, <c>expire</c>, <c>refund</c> or
/// <c>dispute</c> (purchased credits taken back); <see cref="Reference"/> is the payment id of a purchase, refund or
/// dispute, the grant id of a grant, the job id of a capture.
/// </summary>
public sealed record JournalEntryView(
    long Seq,
    string Kind,
    long Amount,
    string? JobId,
    string? Reference,
    string? Reason,
    long BalanceAfter,
    long AvailableAfter,
    DateTimeOffset CreatedAt)
{
    public static JournalEntryView From(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new JournalEntryView(entry.Seq, WireName(entry.Kind), entry.Amount, entry.JobId, entry.ExtRef, entry.Reason,
            entry.BalanceAfter, entry.AvailableAfter, entry.CreatedUtc);
    }

    private static string WireName(JournalKind kind) => kind switch
    {
        JournalKind.Purchase => "purchase",
        JournalKind.Grant => "grant",
        JournalKind.Hold => "hold",
        JournalKind.Capture => "capture",
        JournalKind.Release => "release",
        JournalKind.Expire => "expire",
        JournalKind.Adjust => "adjust",
        JournalKind.Refund => "refund",
        JournalKind.Dispute => "dispute",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown journal kind"),
    };
}
