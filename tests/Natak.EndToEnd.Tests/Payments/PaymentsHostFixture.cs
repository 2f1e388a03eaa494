using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Testing;

namespace Natak.EndToEnd.Tests.Payments;

/// <summary>
/// The dev host with Payments, PaymentEvents and Spend tables of its own, so the cost report sees only the payments
/// and spend of this collection. The simulator stands in for Stripe and delivers its events to the host.
/// </summary>
public sealed class PaymentsHostFixture : DevHostFixture
{
    public string PaymentsTable { get; } = Unique.Name("payments");

    public string EventsTable { get; } = Unique.Name("payevents");

    public string SpendTable { get; } = Unique.Name("spend");

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings(),
        new("Ledger:Payments:TableName", PaymentsTable),
        new("Ledger:Payments:EventsTableName", EventsTable),
        new("Ledger:Spend:TableName", SpendTable),
    ];
}

[CollectionDefinition(Name)]
public sealed class PaymentsCollection : ICollectionFixture<PaymentsHostFixture>
{
    public const string Name = "payments: dev host and the simulator's Stripe";
}
