namespace Natak.Tables.Credits;

/// <summary>Why purchased credits are taken back.</summary>
public enum TakeBackKind
{
    /// <summary>The payment was refunded, wholly or in part; the journal row is <see cref="JournalKind.Refund"/>.</summary>
    Refund,

    /// <summary>The payment was disputed (a chargeback); the journal row is <see cref="JournalKind.Dispute"/>.</summary>
    Dispute,
}
