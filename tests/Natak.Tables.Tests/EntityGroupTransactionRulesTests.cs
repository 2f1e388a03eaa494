using Azure.Data.Tables;
using Natak.Tables.Credits;

namespace Natak.Tables.Tests;

/// <summary>Azure rejects these batches but Azurite accepts them, so the ledger refuses them before sending.</summary>
public sealed class EntityGroupTransactionRulesTests
{
    [Fact]
    public void A_batch_spanning_two_partitions_is_refused()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => LedgerTransaction.EnsureValid([Add("u|a", "BAL"), Add("u|b", "BAL")]));

        Assert.Contains("one partition", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_batch_of_more_than_100_actions_is_refused()
    {
        var hundred = Enumerable.Range(0, 100).Select(i => Add("u|a", $"J|{i}")).ToList();

        LedgerTransaction.EnsureValid(hundred);
        Assert.Throws<InvalidOperationException>(() => LedgerTransaction.EnsureValid([.. hundred, Add("u|a", "J|100")]));
        Assert.Throws<InvalidOperationException>(() => LedgerTransaction.EnsureValid([]));
    }

    [Fact]
    public void A_batch_touching_one_row_twice_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => LedgerTransaction.EnsureValid([Add("u|a", "BAL"), Add("u|a", "BAL")]));

    private static TableTransactionAction Add(string partition, string row) => new(TableTransactionActionType.Add, new TableEntity(partition, row));
}
