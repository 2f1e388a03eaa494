using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Natak.Core.Jobs;
using Natak.Tables.Common;

namespace Natak.Tables.Jobs;

/// <summary>
/// The per-user <c>Jobs</c> table. Per job, in the owner's partition (<c>u|{userId}</c>) and written in one
/// entity-group transaction:
/// <list type="bullet">
/// <item><c>j|{jobId}</c> — point lookups; a job id that is not in the caller's partition does not exist for them (404).</item>
/// <item><c>t|{inverted ticks}|{jobId}</c> — newest-first listing by RowKey order.</item>
/// <item><c>k|{hex(sha256(user, key))}</c> — the Idempotency-Key fence (only when a key was sent).</item>
/// </list>
/// </summary>
public sealed class JobIndex
{
    private readonly TableClient _table;
    private readonly EnsuredTable _ensured;

    public JobIndex(TableServiceClient tables, IOptions<JobIndexOptions> options)
    {
        _table = tables.GetTableClient(options.Value.TableName);
        _ensured = new EnsuredTable(_table);
    }

    public async Task<JobRecord?> GetAsync(string userId, string jobId, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableNames.UserPartition(userId), JobKey(jobId), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? ToRecord(entity) : null;
    }

    /// <summary>
    /// Registers a new job. With an idempotency key hash, a second call with the same key returns the first job
    /// (and whether its request hash matches) instead of creating another.
    /// </summary>
    public async Task<CreateJobResult> CreateAsync(JobRecord job, byte[]? idempotencyKeyHash, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        var partition = TableNames.UserPartition(job.UserId);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, ToEntity(job, partition, JobKey(job.JobId))),
            new(TableTransactionActionType.Add, ToEntity(job, partition, TimeKey(job.CreatedAt, job.JobId))),
        };
        if (idempotencyKeyHash is not null)
        {
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(partition, IdempotencyKey(idempotencyKeyHash))
            {
                ["JobId"] = job.JobId,
                ["RequestHash"] = job.RequestHash,
            }));
        }

        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken);
            return new CreateJobResult(job, Created: true, SameRequest: true);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // Someone registered this key (or this id) first: answer with theirs.
            var existing = await FindExistingAsync(job, idempotencyKeyHash, cancellationToken)
                ?? throw new InvalidOperationException("A job row conflicted but none could be read back.", ex);
            return new CreateJobResult(existing, Created: false, SameRequest: string.Equals(existing.RequestHash, job.RequestHash, StringComparison.Ordinal));
        }
    }

    /// <summary>Reads the job registered under an idempotency key, if any.</summary>
    public async Task<JobRecord?> FindByIdempotencyKeyAsync(string userId, byte[] idempotencyKeyHash, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        var fence = await _table.GetEntityIfExistsAsync<TableEntity>(TableNames.UserPartition(userId), IdempotencyKey(idempotencyKeyHash), cancellationToken: cancellationToken);
        if (!fence.HasValue || fence.Value?.GetString("JobId") is not { } jobId)
        {
            return null;
        }

        return await GetAsync(userId, jobId, cancellationToken);
    }

    /// <summary>The caller's jobs, newest first, optionally filtered by kind and last known status.</summary>
    public async Task<JobPage> ListAsync(string userId, JobKind? kind, JobStatus? status, int limit, string? cursor, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var partition = TableNames.UserPartition(userId);
        var lower = cursor is null ? "t|" : DecodeCursor(cursor);
        var filter = new StringBuilder(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {lower} and RowKey lt {"t}"}"));
        if (kind is { } k)
        {
            filter.Append(" and ").Append(TableClient.CreateQueryFilter($"Kind eq {k.ToWire()}"));
        }

        if (status is { } s)
        {
            filter.Append(" and ").Append(TableClient.CreateQueryFilter($"Status eq {s.ToWire()}"));
        }

        var items = new List<(string RowKey, JobRecord Record)>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter.ToString(), maxPerPage: Math.Min(limit + 1, 1000), cancellationToken: cancellationToken))
        {
            items.Add((entity.RowKey, ToRecord(entity)));
            if (items.Count > limit)
            {
                break;
            }
        }

        var hasMore = items.Count > limit;
        var page = items.Take(limit).ToList();
        return new JobPage(page.Select(i => i.Record).ToList(), hasMore ? EncodeCursor(page[^1].RowKey) : null);
    }

    /// <summary>
    /// Records the latest status on both rows of the job (listing filters use it). A terminal status is final: the
    /// write is conditional on the row read (If-Match), so a status that became terminal in between is never undone.
    /// Returns the job as this call left it, or null when it changed nothing (the status was already there or final).
    /// </summary>
    public async Task<JobRecord?> UpdateStatusAsync(string userId, string jobId, JobStatus status, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        var partition = TableNames.UserPartition(userId);
        for (var attempt = 0; ; attempt++)
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(partition, JobKey(jobId), cancellationToken: cancellationToken);
            var current = row.HasValue && row.Value is { } entity ? ToRecord(entity) : null;
            if (current is null)
            {
                throw new InvalidOperationException($"Job {jobId} is not in the index.");
            }

            if (current.Status == status || current.Status.IsTerminal())
            {
                return null;
            }

            var patch = new Dictionary<string, object> { ["Status"] = status.ToWire(), ["UpdatedUtc"] = at.UtcDateTime };
            try
            {
                await _table.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.UpdateMerge, new TableEntity(patch) { PartitionKey = partition, RowKey = JobKey(jobId) }, row.Value!.ETag),
                    new(TableTransactionActionType.UpdateMerge, new TableEntity(patch) { PartitionKey = partition, RowKey = TimeKey(current.CreatedAt, jobId) }, ETag.All),
                ], cancellationToken);
                return current with { Status = status, UpdatedAt = at };
            }
            catch (TableTransactionFailedException e) when (e.Status == 412 && attempt < 5)
            {
                // the row changed since it was read: read it again
            }
        }
    }

    private async Task<JobRecord?> FindExistingAsync(JobRecord job, byte[]? idempotencyKeyHash, CancellationToken cancellationToken) =>
        idempotencyKeyHash is not null
            ? await FindByIdempotencyKeyAsync(job.UserId, idempotencyKeyHash, cancellationToken)
            : await GetAsync(job.UserId, job.JobId, cancellationToken);

    private static string JobKey(string jobId) => "j|" + jobId;

    // Inverted ticks make RowKey order newest-first; the job id breaks ties.
    private static string TimeKey(DateTimeOffset createdAt, string jobId) =>
        "t|" + (DateTime.MaxValue.Ticks - createdAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + jobId;

    private static string IdempotencyKey(byte[] hash) => "k|" + Convert.ToHexStringLower(hash);

    private static string EncodeCursor(string rowKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(rowKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string DecodeCursor(string cursor)
    {
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            var rowKey = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
            return rowKey.StartsWith("t|", StringComparison.Ordinal) ? rowKey : throw new FormatException("not a job cursor");
        }
        catch (FormatException ex)
        {
            throw new InvalidCursorException(ex);
        }
    }

    private static TableEntity ToEntity(JobRecord job, string partition, string rowKey) => new(partition, rowKey)
    {
        ["JobId"] = job.JobId,
        ["Kind"] = job.Kind.ToWire(),
        ["Status"] = job.Status.ToWire(),
        ["RequestHash"] = job.RequestHash,
        ["CreatedUtc"] = job.CreatedAt.UtcDateTime,
        ["UpdatedUtc"] = job.UpdatedAt.UtcDateTime,
    };

    private static JobRecord ToRecord(TableEntity e)
    {
        if (!JobKindExtensions.TryParseWire(e.GetString("Kind"), out var kind) || !JobStatusExtensions.TryParseWire(e.GetString("Status"), out var status))
        {
            throw new InvalidDataException($"Jobs row {e.PartitionKey}/{e.RowKey} has an unknown kind or status.");
        }

        var userId = e.PartitionKey[2..];
        return new JobRecord(
            userId,
            e.GetString("JobId"),
            kind,
            status,
            e.GetString("RequestHash") ?? string.Empty,
            e.GetDateTimeOffset("CreatedUtc") ?? DateTimeOffset.MinValue,
            e.GetDateTimeOffset("UpdatedUtc") ?? DateTimeOffset.MinValue);
    }
}
