using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Natak.Core.Jobs;
using Natak.Tables.Credits;
using Natak.Tables.Common;

namespace Natak.Tables.Spend;

/// <summary>
/// The <c>Spend</c> table: provider cost per paid job step, for cost and margin reports. Each step is stored
/// twice, in two partitions:
/// <list type="bullet">
/// <item><c>j|{jobId}</c> / <c>{step}</c> — the idempotency fence and the per-job record (everything a job cost).</item>
/// <item><c>d|{yyyyMMdd}</c> / <c>{jobId}|{step}</c> — by UTC day, so a <c>from..to</c> report reads one key range.</item>
/// </list>
/// The job row is written first and wins; the day row is always rewritten from it, so a retry after a crash
/// between the two writes completes the pair with the first figures. This table is derived data, never the
/// source of truth for money (that is the credit ledger).
/// </summary>
public sealed class SpendStore
{
    private readonly EnsuredTable _table;

    public SpendStore(TableServiceClient tables, IOptions<SpendStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = new EnsuredTable(tables.GetTableClient(options.Value.TableName));
    }

    /// <summary>Records a step once: a second call for the same (job, step) returns the first record.</summary>
    public async Task<SpendWriteResult> RecordAsync(SpendRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        LedgerKeys.Require(record.JobId, nameof(record.JobId));
        LedgerKeys.Require(record.Step, nameof(record.Step));
        ArgumentException.ThrowIfNullOrWhiteSpace(record.UserId, nameof(record.UserId));
        ArgumentOutOfRangeException.ThrowIfNegative(record.CostUsd, nameof(record.CostUsd));
        ArgumentOutOfRangeException.ThrowIfNegative(record.Units, nameof(record.Units));

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        SpendRecord stored;
        bool created;
        try
        {
            await table.AddEntityAsync(ToEntity(record, JobPartition(record.JobId), record.Step), cancellationToken).ConfigureAwait(false);
            (stored, created) = (record, true);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await table.GetEntityAsync<TableEntity>(JobPartition(record.JobId), record.Step, cancellationToken: cancellationToken).ConfigureAwait(false);
            (stored, created) = (FromEntity(existing.Value), false);
        }

        await table.UpsertEntityAsync(ToEntity(stored, DayPartition(stored.At), DayRowKey(stored)), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        if (created && stored.CostUsd > 0)
        {
            TablesTelemetry.SpendRecorded(stored.Provider, stored.Model, stored.CostUsd);
        }

        return new SpendWriteResult(stored, created, SameRecord: stored == Normalize(record));
    }

    /// <summary>Every step paid for in [<paramref name="from"/>, <paramref name="to"/>), day by day.</summary>
    public async IAsyncEnumerable<SpendRecord> QueryAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (to <= from)
        {
            yield break;
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {DayPartition(from)} and PartitionKey le {DayPartition(to)} and At ge {from.UtcDateTime} and At lt {to.UtcDateTime}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(row);
        }
    }

    /// <summary>Every recorded step of one job (what it cost us and the credits charged for it).</summary>
    public async Task<IReadOnlyList<SpendRecord>> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {JobPartition(LedgerKeys.Require(jobId, nameof(jobId)))}");
        var steps = new List<SpendRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            steps.Add(FromEntity(row));
        }

        return steps;
    }

    private static string JobPartition(string jobId) => "j|" + jobId;

    private static string DayPartition(DateTimeOffset at) => "d|" + at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string DayRowKey(SpendRecord record) => record.JobId + "|" + record.Step;

    // What a record looks like once stored: the time in UTC, as the table gives it back.
    private static SpendRecord Normalize(SpendRecord record) => record with { At = record.At.ToUniversalTime() };

    private static TableEntity ToEntity(SpendRecord r, string partition, string rowKey) => new(partition, rowKey)
    {
        ["JobId"] = r.JobId,
        ["Step"] = r.Step,
        ["UserId"] = r.UserId,
        ["OutputType"] = r.OutputType,
        ["Provider"] = r.Provider,
        ["Model"] = r.Model,
        ["Units"] = r.Units.ToString(CultureInfo.InvariantCulture),
        ["UnitKind"] = WireNames<SpendUnit>.Of(r.UnitKind),
        ["CostUsd"] = r.CostUsd.ToString(CultureInfo.InvariantCulture),
        ["CreditsCharged"] = r.CreditsCharged,
        ["At"] = r.At.UtcDateTime,
        ["Undelivered"] = r.Undelivered,
    };

    private static SpendRecord FromEntity(TableEntity e)
    {
        if (!WireNames<SpendUnit>.TryParse(e.GetString("UnitKind"), out var unit))
        {
            throw new InvalidDataException($"Spend row {e.PartitionKey}/{e.RowKey} has an unknown unit kind.");
        }

        return new SpendRecord(
            e.GetString("JobId") ?? string.Empty,
            e.GetString("Step") ?? string.Empty,
            e.GetString("UserId") ?? string.Empty,
            e.GetString("OutputType") ?? string.Empty,
            e.GetString("Provider") ?? string.Empty,
            e.GetString("Model") ?? string.Empty,
            decimal.Parse(e.GetString("Units") ?? "0", NumberStyles.Number, CultureInfo.InvariantCulture),
            unit,
            decimal.Parse(e.GetString("CostUsd") ?? "0", NumberStyles.Number, CultureInfo.InvariantCulture),
            e.GetInt64("CreditsCharged"),
            e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue)
        {
            Undelivered = e.GetBoolean("Undelivered") ?? false,
        };
    }
}
