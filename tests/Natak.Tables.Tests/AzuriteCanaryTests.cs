using Azure;
using Azure.Data.Tables;
using Natak.Testing;

namespace Natak.Tables.Tests;

/// <summary>
/// The ledger's correctness rests on three behaviours of the table service; these fail first if the local
/// stand-in (Azurite) ever stops providing them.
/// </summary>
public sealed class AzuriteCanaryTests
{
    [Fact]
    public async Task A_batch_with_a_stale_etag_fails_with_412()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "row") { ["V"] = 1 });
        var stale = (await table.GetEntityAsync<TableEntity>("p", "row")).Value.ETag;
        await table.UpdateEntityAsync(new TableEntity("p", "row") { ["V"] = 2 }, ETag.All, TableUpdateMode.Replace);

        var failure = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "other")),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "row") { ["V"] = 3 }, stale),
        ]));

        Assert.Equal(412, failure.Status);
        Assert.Equal(2, (await table.GetEntityAsync<TableEntity>("p", "row")).Value.GetInt32("V"));
    }

    [Fact]
    public async Task A_failed_batch_leaves_nothing_behind()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "existing"));

        var failure = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "first")),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "second")),
            new(TableTransactionActionType.Add, new TableEntity("p", "existing")),
        ]));

        Assert.Equal(409, failure.Status);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "first")).HasValue);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "second")).HasValue);
    }

    [Fact]
    public async Task Two_quick_updates_give_different_etags()
    {
        var table = await NewTableAsync();
        var first = await table.AddEntityAsync(new TableEntity("p", "row") { ["V"] = 0 });
        var second = await table.UpdateEntityAsync(new TableEntity("p", "row") { ["V"] = 1 }, first.Headers.ETag!.Value, TableUpdateMode.Replace);
        var third = await table.UpdateEntityAsync(new TableEntity("p", "row") { ["V"] = 2 }, second.Headers.ETag!.Value, TableUpdateMode.Replace);

        Assert.Equal(3, new[] { first.Headers.ETag, second.Headers.ETag, third.Headers.ETag }.Distinct().Count());
    }

    private static async Task<TableClient> NewTableAsync()
    {
        var table = new TableServiceClient(await LocalServices.StorageConnectionStringAsync()).GetTableClient(Unique.Name("canary"));
        await table.CreateAsync();
        return table;
    }
}
