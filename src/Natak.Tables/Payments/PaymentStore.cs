using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Natak.Tables.Common;
using Natak.Tables.Credits;

namespace Natak.Tables.Payments;

/// <summary>
/// The <c>Payments</c> table: one row per payment (<c>p|{paymentId}</c>), changed only through
/// <see cref="UpdateAsync"/>'s read-change-write with If-Match, so events about one payment that arrive together
/// never overwrite each other. A paid payment also has a copy under the day it was paid (<c>d|{yyyyMMdd}</c> /
/// <c>{paymentId}</c>) for the revenue report; the copy is derived data, rewritten from the payment row by
/// <see cref="IndexAsync"/> and never older than a copy already there.
/// </summary>
public sealed class PaymentStore
{
    private const string PaymentRow = "payment";
    private const int MaxAttempts = 20;

    private readonly EnsuredTable _table;

    public PaymentStore(TableServiceClient tables, IOptions<PaymentStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = new EnsuredTable(tables.GetTableClient(options.Value.TableName));
    }

    public async Task<PaymentRecord?> GetAsync(string paymentId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(paymentId), PaymentRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored record (<see cref="PaymentRecord.New"/> when there is none)
    /// and writes the result if it differs, retrying from a fresh read when another writer got there first.
    /// Returns the record as stored. <paramref name="change"/> may run more than once and must not have side effects.
    /// </summary>
    public async Task<PaymentRecord> UpdateAsync(string paymentId, Func<PaymentRecord, PaymentRecord> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(paymentId);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, PaymentRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            var existing = row.HasValue ? row.Value : null;
            var current = existing is null ? PaymentRecord.New(paymentId) : FromEntity(existing);
            var next = change(current);
            if (next.PaymentId != paymentId)
            {
                throw new InvalidOperationException("A payment update may not change the payment id.");
            }

            if (next == current)
            {
                return current;
            }

            var version = (existing?.GetInt64("Version") ?? 0) + 1;
            try
            {
                if (existing is null)
                {
                    await table.AddEntityAsync(ToEntity(next, partition, PaymentRow, version), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await table.UpdateEntityAsync(ToEntity(next, partition, PaymentRow, version), existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return next;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken).ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException($"Payment {paymentId} kept changing under {MaxAttempts} attempts to update it.");
    }

    /// <summary>Writes the payment's copy under the day it was paid, from the payment row as it is now (nothing for an unpaid payment).</summary>
    public async Task IndexAsync(string paymentId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(paymentId), PaymentRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!row.HasValue || row.Value is not { } source || FromEntity(source) is not { PaidUtc: { } paid } record)
            {
                return;
            }

            var version = source.GetInt64("Version") ?? 0;
            var day = DayPartition(paid);
            var copy = await table.GetEntityIfExistsAsync<TableEntity>(day, paymentId, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (!copy.HasValue || copy.Value is null)
                {
                    await table.AddEntityAsync(ToEntity(record, day, paymentId, version), cancellationToken).ConfigureAwait(false);
                }
                else if ((copy.Value.GetInt64("Version") ?? 0) < version)
                {
                    await table.UpdateEntityAsync(ToEntity(record, day, paymentId, version), copy.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // another writer copied first: read both again and keep whichever is newer
            }
        }
    }

    /// <summary>Every payment paid in [<paramref name="from"/>, <paramref name="to"/>), as last indexed.</summary>
    public async IAsyncEnumerable<PaymentRecord> QueryPaidAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (to <= from)
        {
            yield break;
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {DayPartition(from)} and PartitionKey le {DayPartition(to)} and PaidUtc ge {from.UtcDateTime} and PaidUtc lt {to.UtcDateTime}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(row);
        }
    }

    private static string Partition(string paymentId) => "p|" + LedgerKeys.Require(paymentId, nameof(paymentId));

    private static string DayPartition(DateTimeOffset at) => "d|" + at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(PaymentRecord r, string partition, string rowKey, long version) => new(partition, rowKey)
    {
        ["PaymentId"] = r.PaymentId,
        ["UserId"] = r.UserId,
        ["Pack"] = r.Pack,
        ["Credits"] = r.Credits,
        ["AmountCents"] = r.AmountCents,
        ["Currency"] = r.Currency,
        ["PaidUtc"] = r.PaidUtc?.UtcDateTime,
        ["RefundedCents"] = r.RefundedCents,
        ["DisputedCents"] = r.DisputedCents,
        ["TakenBack"] = r.TakenBack,
        ["TakenBackBefore"] = r.TakenBackBefore,
        ["LastTakeBack"] = r.LastTakeBack.ToString(),
        ["DisputeReversed"] = r.DisputeReversed,
        ["Reversals"] = r.Reversals,
        ["Version"] = version,
    };

    private static PaymentRecord FromEntity(TableEntity e) => new(
        e.GetString("PaymentId") ?? throw new InvalidDataException($"Payment row {e.PartitionKey}/{e.RowKey} has no PaymentId."),
        e.GetString("UserId"),
        e.GetString("Pack"),
        e.GetInt64("Credits") ?? 0,
        e.GetInt64("AmountCents") ?? 0,
        e.GetString("Currency"),
        e.GetDateTimeOffset("PaidUtc"),
        e.GetInt64("RefundedCents") ?? 0,
        e.GetInt64("DisputedCents") ?? 0,
        e.GetInt64("TakenBack") ?? 0,
        e.GetInt64("TakenBackBefore") ?? 0,
        Enum.TryParse<TakeBackKind>(e.GetString("LastTakeBack"), out var kind) ? kind : TakeBackKind.Refund)
    {
        DisputeReversed = e.GetBoolean("DisputeReversed") ?? false,
        Reversals = e.GetInt32("Reversals") ?? 0,
    };
}
