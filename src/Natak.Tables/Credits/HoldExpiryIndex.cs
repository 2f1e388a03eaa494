using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Natak.Tables.Common;

namespace Natak.Tables.Credits;

/// <summary>
/// Holds by expiry hour, for <see cref="HoldSweeper"/>: <c>PartitionKey = yyyyMMddHH</c> of the expiry (UTC),
/// <c>RowKey = {userId length}|{userId}|{holdId}</c>.
/// <para>
/// Why an index rather than a query on the ledger: the ledger is partitioned by user, so "every pending hold
/// past its expiry" there is a scan of every account's journal and fences — cost growing with all history. Here
/// the sweeper reads one key range, <c>PartitionKey ≤ bucket(now)</c>, and deletes what it settles, so a sweep
/// costs what is actually due. The row is written before the reserve transaction (another table cannot join
/// it), so a hold never exists without its row; a row whose hold never came is removed after a grace period.
/// Captures and releases do not touch the index: the sweeper drops rows of ended holds when it meets them.
/// </para>
/// <para>
/// <c>ExpiresUtc</c> is when the row is next due: the hold's expiry at first; a hold whose job was still running
/// when it came due is filed again under a later time (<see cref="RefileAsync"/>), so it never blocks the rows
/// behind it.
/// </para>
/// </summary>
internal sealed class HoldExpiryIndex(TableServiceClient tables, string tableName)
{
    private readonly EnsuredTable _table = new(tables.GetTableClient(tableName));

    public Task AddAsync(string userId, LedgerHold hold, CancellationToken cancellationToken) =>
        PutAsync(userId, hold.HoldId, hold.ExpiresUtc, cancellationToken);

    /// <summary>
    /// Files a due row again under <paramref name="dueUtc"/>: the new row is written before the old one is removed,
    /// so the hold is never without a row (a crash in between leaves two, and the sweeper settles a hold once).
    /// </summary>
    public async Task RefileAsync(HoldExpiryEntry entry, DateTimeOffset dueUtc, CancellationToken cancellationToken)
    {
        await PutAsync(entry.UserId, entry.HoldId, dueUtc, cancellationToken).ConfigureAwait(false);
        if (Bucket(dueUtc) != entry.PartitionKey)
        {
            await RemoveAsync(entry, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PutAsync(string userId, string holdId, DateTimeOffset dueUtc, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(Bucket(dueUtc), RowKey(userId, holdId))
        {
            ["UserId"] = userId,
            ["HoldId"] = holdId,
            ["ExpiresUtc"] = dueUtc.UtcDateTime,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rows of holds that expired at or before <paramref name="now"/>, oldest hour first.</summary>
    public async IAsyncEnumerable<HoldExpiryEntry> ExpiredAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {Bucket(now)} and ExpiresUtc le {now.UtcDateTime}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new HoldExpiryEntry(
                e.GetString("UserId") ?? string.Empty,
                e.GetString("HoldId") ?? string.Empty,
                e.GetDateTimeOffset("ExpiresUtc") ?? now,
                e.PartitionKey,
                e.RowKey,
                e.ETag);
        }
    }

    /// <summary>Removes a row unless it was rewritten since it was read (a reserve re-announcing its hold).</summary>
    public async Task RemoveAsync(HoldExpiryEntry entry, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, entry.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Gone already (another sweeper), or rewritten: either way not ours to remove now.
        }
    }

    internal static string Bucket(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    // The length prefix keeps (user "a|b", hold "c") and (user "a", hold "b|c") apart.
    private static string RowKey(string userId, string holdId) =>
        string.Create(CultureInfo.InvariantCulture, $"{userId.Length}|{userId}|{holdId}");
}

/// <summary>One row of the hold-expiry index.</summary>
internal sealed record HoldExpiryEntry(string UserId, string HoldId, DateTimeOffset ExpiresUtc, string PartitionKey, string RowKey, ETag ETag);
