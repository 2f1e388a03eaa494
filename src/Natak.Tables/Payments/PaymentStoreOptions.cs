namespace Natak.Tables.Payments;

/// <summary>Settings of <see cref="PaymentStore"/> and <see cref="PaymentEventStore"/>, bound from <c>Ledger:Payments</c>.</summary>
public sealed class PaymentStoreOptions
{
    public const string SectionName = "Ledger:Payments";

    /// <summary>One row per payment (and a copy per day it was paid, for reports).</summary>
    public string TableName { get; set; } = "Payments";

    /// <summary>One row per payment-provider event handled.</summary>
    public string EventsTableName { get; set; } = "PaymentEvents";
}
