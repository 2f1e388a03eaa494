using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Testing;

namespace Natak.EndToEnd.Tests.Money;

/// <summary>
/// The dev host with a Spend table of its own, so the cost report sees only what this collection's tests pay for
/// and seed.
/// </summary>
public sealed class MoneyHostFixture : DevHostFixture
{
    public string SpendTable { get; } = Unique.Name("spend");

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [.. base.Settings(), new("Ledger:Spend:TableName", SpendTable)];
}

[CollectionDefinition(Name)]
public sealed class MoneyCollection : ICollectionFixture<MoneyHostFixture>
{
    public const string Name = "money: dev host with its own Spend table";
}
