using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Natak.Core.Jobs;
using Natak.Tables.Common;

namespace Natak.Tables.Jobs;

/// <summary>
/// The per-user <c>Jobs</c> table: the jobs' read model. Per job, in the owner's partition (<c>u|{userId}</c>):
/// <list type="bullet">
/// <item><c>j|{jobId}</c> — the job as clients see it (<see cref="JobRows"/>): one point read answers GET /api/jobs/{id};
/// a job id that is not in the caller's partition does not exist for them (404).</item>
/// <item><c>t|{inverted ticks}|{jobId}</c> — the same properties, newest first by RowKey: a page of jobs is one query.</item>
/// <item><c>e|{jobId}|{ticks}-{tail}</c> — one row per change (creation first); folded in order they give the job after
/// each change (live progress replays them).</item>
/// <item><c>k|{hex(sha256(user, key))}</c> — the Idempotency-Key fence (only when a key was sent).</item>
/// </list>
/// Creation writes the first three (and the fence) in one entity-group transaction; every later change merges its
/// properties into both rows and appends its event in one transaction too.
/// </summary>
public sealed class JobIndex
{
    private readonly TableClient _table;
    private readonly EnsuredTable _ensured;
    private readonly JobChangeSignal? _changes;

    /// <param name="tables">The storage account's tables.</param>
    /// <param name="options">The table's name.</param>
    /// <param name="changes">Told after every change this process writes (live progress wakes on it).</param>
    public JobIndex(TableServiceClient tables, IOptions<JobIndexOptions> options, JobChangeSignal? changes = null)
    {
        _table = tables.GetTableClient(options.Value.TableName);
        _ensured = new EnsuredTable(_table);
        _changes = changes;
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
        var properties = JobRows.Properties(job);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, Entity(partition, JobKey(job.JobId), properties)),
            new(TableTransactionActionType.Add, Entity(partition, TimeKey(job.CreatedAt, job.JobId), properties)),
            new(TableTransactionActionType.Add, Entity(partition, EventKey(job.JobId, job.CreatedAt), properties)),
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
    /// Writes one change to the job's rows and appends it to the job's change events, in one entity-group transaction
    /// (one request, no read): the properties the change touches are merged, so changes of different steps or outputs
    /// from parallel activities never overwrite each other.
    /// </summary>
    public async Task ApplyAsync(string userId, string jobId, DateTimeOffset createdAt, JobChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await _ensured.GetAsync(cancellationToken);
        var partition = TableNames.UserPartition(userId);
        var properties = JobRows.Properties(change);
        var eventProperties = new Dictionary<string, object>(properties, StringComparer.Ordinal) { ["JobId"] = jobId };
        await _table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpdateMerge, Entity(partition, JobKey(jobId), properties), ETag.All),
            new(TableTransactionActionType.UpdateMerge, Entity(partition, TimeKey(createdAt, jobId), properties), ETag.All),
            new(TableTransactionActionType.Add, Entity(partition, EventKey(jobId, change.At), eventProperties)),
        ], cancellationToken);
        _changes?.Notify(jobId);
    }

    /// <summary>
    /// Records the status (and when) of a job whose creation time the caller does not know; reads the row once to find it.
    /// Returns the job as this call left it, or null when it changed nothing (the status was already there or final).
    /// </summary>
    public async Task<JobRecord?> UpdateStatusAsync(string userId, string jobId, JobStatus status, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(userId, jobId, cancellationToken) ?? throw new InvalidOperationException($"Job {jobId} is not in the index.");
        if (current.Status == status || current.Status.IsTerminal())
        {
            return null;
        }

        await ApplyAsync(userId, jobId, current.CreatedAt, new JobChange { At = at, Status = status }, cancellationToken);
        return current with { Status = status, UpdatedAt = at };
    }

    /// <summary>
    /// The job as it was after each of its changes, oldest first, with each change's event id (ordered); only those
    /// after <paramref name="afterEventId"/> when given. Folds the job's events from its creation: one query.
    /// </summary>
    public async Task<IReadOnlyList<(string EventId, JobRecord Job)>> ReadHistoryAsync(string userId, string jobId, string? afterEventId = null, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        var partition = TableNames.UserPartition(userId);
        var prefix = EventPrefix(jobId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {prefix} and RowKey lt {prefix[..^1] + "}"}");
        var folded = new Dictionary<string, object>(StringComparer.Ordinal);
        var history = new List<(string, JobRecord)>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            foreach (var (name, value) in entity)
            {
                if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
                {
                    folded[name] = value;
                }
            }

            var eventId = entity.RowKey[prefix.Length..];
            if (afterEventId is null || string.CompareOrdinal(eventId, afterEventId) > 0)
            {
                history.Add((eventId, JobRows.Read(partition, folded)));
            }
        }

        return history;
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

    private static string EventPrefix(string jobId) => "e|" + jobId + "|";

    // Ticks order a job's events; a random tail keeps two changes in the same tick apart.
    private static string EventKey(string jobId, DateTimeOffset at) =>
        EventPrefix(jobId) + at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));

    private static TableEntity Entity(string partition, string rowKey, IReadOnlyDictionary<string, object> properties)
    {
        var entity = new TableEntity(partition, rowKey);
        foreach (var (name, value) in properties)
        {
            entity[name] = value;
        }

        return entity;
    }

    private static string EncodeCursor(string rowKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(rowKey));

    private static string DecodeCursor(string cursor)
    {
        try
        {
            var rowKey = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return rowKey.StartsWith("t|", StringComparison.Ordinal) ? rowKey : throw new FormatException("not a job cursor");
        }
        catch (FormatException ex)
        {
            throw new InvalidCursorException(ex);
        }
    }

    private static JobRecord ToRecord(TableEntity entity) => JobRows.Read(entity.PartitionKey, entity.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
}
