using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Natak.Tables.Common;

namespace Natak.Tables.Credits;

/// <summary>
/// The credit ledger on Azure Table Storage (docs/ledger.md): one partition per user, every write one
/// entity-group transaction that rewrites the <c>BAL</c> head with If-Match.
/// </summary>
public sealed class CreditLedger : ICreditLedger
{
    private const int MaxPageSize = 1000;

    private readonly EnsuredTable _table;
    private readonly HoldExpiryIndex _expiryIndex;
    private readonly CreditLedgerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AccountGate _gate = new();

    public CreditLedger(TableServiceClient tables, IOptions<CreditLedgerOptions> options, TimeProvider? timeProvider = null, ILogger<CreditLedger>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _options = options.Value;
        _table = new EnsuredTable(tables.GetTableClient(_options.TableName));
        _expiryIndex = new HoldExpiryIndex(tables, _options.HoldExpiryTableName);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<CreditLedger>.Instance;
    }

    public Task<LedgerResult> CreditAsync(string userId, long amount, CreditKind kind, string opKey, string extRef, string? reason = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new CreditCommand(userId, amount, kind, opKey, extRef, reason), cancellationToken);

    public Task<LedgerResult> TakeBackAsync(string userId, long amount, TakeBackKind kind, string opKey, string extRef, string? reason = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new TakeBackCommand(userId, amount, kind, opKey, extRef, reason), cancellationToken);

    public Task<LedgerResult> ReserveAsync(string userId, string holdId, long amount, string jobId, DateTimeOffset expiresUtc, string opKey, CancellationToken cancellationToken = default) =>
        ExecuteAsync(new ReserveCommand(userId, holdId, amount, jobId, expiresUtc, opKey), cancellationToken);

    public Task<LedgerResult> CaptureAsync(string userId, string holdId, long actual, string opKey, string? extRef = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(SettleCommand.Capture(userId, holdId, actual, opKey, extRef), cancellationToken);

    public Task<LedgerResult> ReleaseAsync(string userId, string holdId, string opKey, CancellationToken cancellationToken = default) =>
        ExecuteAsync(SettleCommand.Release(userId, holdId, opKey), cancellationToken);

    public Task<LedgerResult> ExpireAsync(string userId, string holdId, string opKey, CancellationToken cancellationToken = default) =>
        ExecuteAsync(SettleCommand.Expire(userId, holdId, opKey), cancellationToken);

    public async Task<AccountBalance> GetBalanceAsync(string userId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = LedgerKeys.Partition(LedgerKeys.Require(userId, nameof(userId)));
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, LedgerKeys.Balance, cancellationToken: cancellationToken).ConfigureAwait(false);
        return LedgerRows.ReadHead(row.HasValue ? row.Value : null).Balance;
    }

    public async Task<JournalPage> GetEntriesAsync(string userId, int limit, string? cursor = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        var newest = cursor is null ? (await GetBalanceAsync(userId, cancellationToken).ConfigureAwait(false)).Seq : JournalCursor.Decode(cursor);
        if (newest < 1)
        {
            return new JournalPage([], null);
        }

        // Sequence numbers have no gaps, so a page is an exact key range; rows come back oldest first.
        var oldest = Math.Max(1, newest - limit + 1);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = LedgerKeys.Partition(LedgerKeys.Require(userId, nameof(userId)));
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {LedgerKeys.Journal(oldest)} and RowKey le {LedgerKeys.Journal(newest)}");
        var entries = new List<JournalEntry>(limit);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(LedgerRows.ReadJournal(row));
        }

        entries.Reverse();
        return new JournalPage(entries, oldest > 1 ? JournalCursor.Encode(oldest - 1) : null);
    }

    public async Task<IReadOnlyList<JournalEntry>> GetJobEntriesAsync(string userId, string jobId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = LedgerKeys.Partition(LedgerKeys.Require(userId, nameof(userId)));
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {LedgerKeys.Journal(0)} and RowKey le {LedgerKeys.Journal(long.MaxValue)} and JobId eq {LedgerKeys.Require(jobId, nameof(jobId))}");
        var entries = new List<JournalEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(LedgerRows.ReadJournal(row));
        }

        return entries;
    }

    public async Task<LedgerHold?> GetHoldAsync(string userId, string holdId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = LedgerKeys.Partition(LedgerKeys.Require(userId, nameof(userId)));
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, LedgerKeys.Hold(LedgerKeys.Require(holdId, nameof(holdId))), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? LedgerRows.ReadHold(entity) : null;
    }

    /// <summary>
    /// The write loop: read the fence (same request → its stored result; different → conflict), read the head
    /// and hold, decide, submit one transaction. On 409/412 or an unknown outcome (5xx, timeout, lost
    /// connection) go back to the fence — the lost attempt may have committed — after a jittered back-off.
    /// The first attempt is optimistic: it reads only the head (and a hold it does not create), because the
    /// transaction adds the fence row (and a new hold) with <c>Add</c>, so a request already applied fails with 409
    /// and the next attempt, at once, reads everything. A first decision other than a commit is checked against the
    /// fence before it is answered.
    /// </summary>
    private async Task<LedgerResult> ExecuteAsync(LedgerCommand command, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        using var gate = await _gate.EnterAsync(command.UserId, cancellationToken).ConfigureAwait(false);
        var indexed = false;
        var atOnce = false;
        Exception? lastError = null;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            if (attempt > 1 && !atOnce)
            {
                await Task.Delay(Backoff(attempt - 1), _time, cancellationToken).ConfigureAwait(false);
            }

            atOnce = false;
            var optimistic = attempt == 1;
            var state = await ReadAsync(table, command, optimistic, cancellationToken).ConfigureAwait(false);
            var decision = command.Decide(state, _time.GetUtcNow());
            if (optimistic && decision is not Decision.Commit)
            {
                // Rejected or the same as an earlier operation: only after a look at what was skipped.
                state = await ReadAsync(table, command, optimistic: false, cancellationToken).ConfigureAwait(false);
                decision = command.Decide(state, _time.GetUtcNow());
            }

            if (state.Fence is { } fence)
            {
                return Replay(command, fence);
            }

            switch (decision)
            {
                case Decision.Reject reject:
                    Count("rejected");
                    return reject.Result;

                case Decision.SameAs same:
                    Count("replayed");
                    return new LedgerResult.Applied(await ReadReceiptAsync(table, state.Partition, same.OpKey, cancellationToken).ConfigureAwait(false));

                case Decision.Commit commit:
                    if (commit.NewHold is { } hold && !indexed)
                    {
                        await _expiryIndex.AddAsync(command.UserId, hold, cancellationToken).ConfigureAwait(false);
                        indexed = true;
                    }

                    try
                    {
                        await table.SubmitTransactionAsync(commit.Actions, cancellationToken).ConfigureAwait(false);
                        Count("applied");
                        TablesTelemetry.Applied(commit.Receipt);
                        return new LedgerResult.Applied(commit.Receipt);
                    }
                    catch (Exception ex) when (optimistic && StoreFailures.IsConflict(ex) && !cancellationToken.IsCancellationRequested)
                    {
                        // The fence or hold it did not read exists (a retried request) or the head moved: read everything, now.
                        lastError = ex;
                        atOnce = true;
                    }
                    catch (Exception ex) when (StoreFailures.IsRetryable(ex, cancellationToken))
                    {
                        lastError = ex;
                        var reason = StoreFailures.IsConflict(ex) ? "conflict" : "ambiguous";
                        TablesTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("reason", reason));
                        LedgerLog.WriteRetry(_logger, command.OpKey, attempt, reason, ex);
                    }

                    break;
            }
        }

        // The last attempt's outcome may be unknown too: one more look at the fence before giving up.
        var final = await ReadAsync(table, command, optimistic: false, cancellationToken).ConfigureAwait(false);
        if (final.Fence is { } committed)
        {
            return Replay(command, committed);
        }

        Count("exhausted");
        LedgerLog.WriteExhausted(_logger, command.OpKey, _options.MaxAttempts, lastError!);
        throw new LedgerRetryExhaustedException(command.OpKey, _options.MaxAttempts, lastError!);
    }

    private static LedgerResult Replay(LedgerCommand command, Fence fence)
    {
        if (string.Equals(fence.RequestHash, command.RequestHash, StringComparison.Ordinal))
        {
            Count("replayed");
            return new LedgerResult.Applied(fence.Receipt);
        }

        Count("conflict");
        return new LedgerResult.IdempotencyConflict(command.OpKey);
    }

    /// <summary>
    /// Reads the fence, head and hold in parallel (<paramref name="optimistic"/>: the head, and the hold only if the
    /// operation does not create it). That is safe although the reads are not one snapshot: the transaction guards
    /// every row it depends on (Add K, Add or If-Match H, If-Match BAL), so a decision taken on a stale or skipped
    /// read fails with 409/412 instead of committing.
    /// </summary>
    private static async Task<AccountState> ReadAsync(TableClient table, LedgerCommand command, bool optimistic, CancellationToken cancellationToken)
    {
        var partition = LedgerKeys.Partition(command.UserId);
        var fenceRead = optimistic ? null : table.GetEntityIfExistsAsync<TableEntity>(partition, LedgerKeys.Fence(command.OpKey), cancellationToken: cancellationToken);
        var headRead = table.GetEntityIfExistsAsync<TableEntity>(partition, LedgerKeys.Balance, cancellationToken: cancellationToken);
        var holdRead = command.HoldId is { } holdId && !(optimistic && command.CreatesHold)
            ? table.GetEntityIfExistsAsync<TableEntity>(partition, LedgerKeys.Hold(holdId), cancellationToken: cancellationToken)
            : null;

        Task[] reads = [.. new Task?[] { fenceRead, headRead, holdRead }.OfType<Task>()];
        await Task.WhenAll(reads).ConfigureAwait(false);
        var fence = fenceRead is null ? null : await fenceRead.ConfigureAwait(false);
        var head = await headRead.ConfigureAwait(false);
        var hold = holdRead is null ? null : await holdRead.ConfigureAwait(false);
        var holdEntity = hold is { HasValue: true } ? hold.Value : null;
        return new AccountState(
            partition,
            fence is { HasValue: true } && fence.Value is { } f ? LedgerRows.ReadFence(f) : null,
            LedgerRows.ReadHead(head.HasValue ? head.Value : null),
            holdEntity is null ? null : LedgerRows.ReadHold(holdEntity),
            holdEntity?.ETag ?? default);
    }

    private static async Task<LedgerReceipt> ReadReceiptAsync(TableClient table, string partition, string opKey, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, LedgerKeys.Fence(opKey), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity
            ? LedgerRows.ReadFence(entity).Receipt
            : throw new InvalidDataException($"Hold closed by '{opKey}' but that operation has no fence in {partition}.");
    }

    /// <summary>Exponential back-off with full jitter, so contenders spread out instead of colliding again in step.</summary>
    private TimeSpan Backoff(int retry)
    {
        var ceiling = Math.Min(_options.RetryMaxDelay.TotalMilliseconds, _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    private static void Count(string outcome) => TablesTelemetry.Outcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
