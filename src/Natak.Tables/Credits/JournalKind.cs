namespace Natak.Tables.Credits;

/// <summary>The kind of a journal row; folding the rows in sequence order rebuilds the account head.</summary>
public enum JournalKind
{
    /// <summary>Credits bought: <c>CreditsPosted += Amount</c>.</summary>
    Purchase,

    /// <summary>Credits given: <c>CreditsPosted += Amount</c>.</summary>
    Grant,

    /// <summary>A hold opened: <c>DebitsPending += Amount</c>.</summary>
    Hold,

    /// <summary>Part or all of a hold spent: <c>DebitsPending -= Amount</c>, <c>DebitsPosted += Amount</c>.</summary>
    Capture,

    /// <summary>Part or all of a hold given back: <c>DebitsPending -= Amount</c>.</summary>
    Release,

    /// <summary>A hold given back by the sweeper after it expired: <c>DebitsPending -= Amount</c>.</summary>
    Expire,

    /// <summary>A manual correction in the user's favour: <c>CreditsPosted += Amount</c>.</summary>
    Adjust,

    /// <summary>Purchased credits taken back because the payment was refunded: <c>CreditsPosted -= Amount</c>; may leave the balance negative.</summary>
    Refund,

    /// <summary>Purchased credits taken back because the payment was disputed: <c>CreditsPosted -= Amount</c>; may leave the balance negative.</summary>
    Dispute,
}
