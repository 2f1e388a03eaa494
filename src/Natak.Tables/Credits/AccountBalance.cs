using System.Text.Json.Serialization;

namespace Natak.Tables.Credits;

/// <summary>
/// The account head (the <c>BAL</c> row): what has been credited, spent and held, and the sequence number of the
/// last journal row. <see cref="Available"/> is what a new hold can take.
/// </summary>
public sealed record AccountBalance(long CreditsPosted, long DebitsPosted, long DebitsPending, long Seq)
{
    /// <summary>An account that has never been written.</summary>
    public static readonly AccountBalance Empty = new(0, 0, 0, 0);

    /// <summary>Credits owned: everything credited minus everything captured.</summary>
    [JsonIgnore]
    public long Balance => CreditsPosted - DebitsPosted;

    /// <summary>Credits held by open reservations.</summary>
    [JsonIgnore]
    public long Reserved => DebitsPending;

    /// <summary>Credits a new reservation may take.</summary>
    [JsonIgnore]
    public long Available => CreditsPosted - DebitsPosted - DebitsPending;

    /// <summary>The head after one more journal row: the single definition of what each kind does to the totals.</summary>
    internal AccountBalance Apply(JournalKind kind, long amount) => checked(kind switch
    {
        JournalKind.Purchase or JournalKind.Grant or JournalKind.Adjust => this with { CreditsPosted = CreditsPosted + amount, Seq = Seq + 1 },
        JournalKind.Refund or JournalKind.Dispute => this with { CreditsPosted = CreditsPosted - amount, Seq = Seq + 1 },
        JournalKind.Hold => this with { DebitsPending = DebitsPending + amount, Seq = Seq + 1 },
        JournalKind.Capture => this with { DebitsPending = DebitsPending - amount, DebitsPosted = DebitsPosted + amount, Seq = Seq + 1 },
        JournalKind.Release or JournalKind.Expire => this with { DebitsPending = DebitsPending - amount, Seq = Seq + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown journal kind"),
    });
}
