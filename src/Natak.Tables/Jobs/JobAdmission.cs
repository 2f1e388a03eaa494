using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Natak.Tables.Common;

namespace Natak.Tables.Jobs;

/// <summary>
/// The admission queue that bounds how many jobs run at once, so that under a burst the earliest jobs finish first
/// instead of every job advancing one step per round and all finishing at the end. One partition of its own table:
/// <list type="bullet">
/// <item><c>slots</c> — how many jobs run (<c>Running</c>), the next ticket, the last ticket admitted; every change
/// rewrites it with If-Match, so concurrent starts and finishes serialize on it.</item>
/// <item><c>w|{ticket}|{jobId}</c> — a job waiting for a slot, oldest ticket first.</item>
/// <item><c>j|{jobId}</c> — where a job stands (waiting, running, left and to whom it gave its slot), so every
/// operation is idempotent.</item>
/// </list>
/// A finishing job hands its slot straight to the oldest waiting job (in the same transaction) and the caller wakes
/// that job; with nobody waiting, the slot is freed.
/// </summary>
public sealed class JobAdmission : IDisposable
{
    private const string Partition = "q";
    private const string Slots = "slots";
    /// <summary>
    /// Every start and finish rewrites the one <c>slots</c> row, so N jobs started at once take N rounds: each round one
    /// wins and the rest decide again. Enough rounds for a burst of hundreds.
    /// </summary>
    private const int MaxAttempts = 400;

    /// <summary>Starts entered in one transaction at most: two rows each and the slots row stay under its 100 operations.</summary>
    private const int MaxGroup = 40;

    private readonly EnsuredTable _ensured;

    /// <summary>
    /// Starts and finishes in this process take turns on the <c>slots</c> row: otherwise a burst of N starts makes N
    /// rounds of conditional writes in which all but one fail (measured: 35 table reads a job at 100 at once). Other
    /// processes still serialize through the row's ETag.
    /// </summary>
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly TableClient _table;
    private readonly JobAdmissionOptions _options;
    private ServedRead? _served;

    /// <summary>Starts waiting for the turn, in arrival order (guarded by its own lock).</summary>
    private readonly List<PendingEntry> _pending = [];

    public JobAdmission(TableServiceClient tables, IOptions<JobAdmissionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _options = options.Value;
        _table = tables.GetTableClient(_options.TableName);
        _ensured = new EnsuredTable(_table);
    }

    public void Dispose() => _turn.Dispose();

    /// <summary>
    /// Takes a slot for the job if one is free, else a place in the queue. Idempotent per job. Starts that arrive
    /// while another holds the turn are entered together, in arrival order, in one transaction (a burst of starts costs
    /// a read and a write per group, not per job).
    /// </summary>
    public async Task<AdmissionTicket> EnterAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        var entry = new PendingEntry(jobId, new TaskCompletionSource<AdmissionTicket>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_pending)
        {
            _pending.Add(entry);
        }

        try
        {
            await _turn.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (_pending)
            {
                // Given up before anyone entered it: it never will be.
                _pending.Remove(entry);
            }

            throw;
        }

        try
        {
            while (!entry.Ticket.Task.IsCompleted)
            {
                List<PendingEntry> group;
                lock (_pending)
                {
                    group = _pending.Take(MaxGroup).ToList();
                    _pending.RemoveRange(0, group.Count);
                }

                // Whoever holds the turn enters the group for everyone in it; the group's own calls are not cancelled
                // by one caller giving up.
                await EnterGroupAsync(group);
            }
        }
        finally
        {
            _turn.Release();
        }

        return await entry.Ticket.Task.WaitAsync(cancellationToken);
    }

    private async Task EnterGroupAsync(List<PendingEntry> group)
    {
        try
        {
            var tickets = await EnterManyInTurnAsync([.. group.Select(e => e.JobId).Distinct(StringComparer.Ordinal)]);
            foreach (var entry in group)
            {
                entry.Ticket.TrySetResult(tickets[entry.JobId]);
            }
        }
        catch (Exception ex)
        {
            foreach (var entry in group)
            {
                entry.Ticket.TrySetException(ex);
            }
        }
    }

    /// <summary>New jobs (one or several), oldest first: one read of the slots and one transaction for them all.</summary>
    private async Task<Dictionary<string, AdmissionTicket>> EnterManyInTurnAsync(List<string> jobIds)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (slots, etag) = await ReadSlotsAsync(CancellationToken.None);
            var (running, nextTicket) = (slots.Running, slots.NextTicket);
            var tickets = new Dictionary<string, AdmissionTicket>(StringComparer.Ordinal);
            var actions = new List<TableTransactionAction>();
            foreach (var jobId in jobIds)
            {
                if (running < _options.MaxRunning)
                {
                    running++;
                    actions.Add(new(TableTransactionActionType.Add, JobRow(jobId, "running", null, null)));
                    tickets[jobId] = new AdmissionTicket(true, null);
                }
                else
                {
                    actions.Add(new(TableTransactionActionType.Add, new TableEntity(Partition, WaitingKey(nextTicket, jobId))));
                    actions.Add(new(TableTransactionActionType.Add, JobRow(jobId, "waiting", nextTicket, null)));
                    tickets[jobId] = new AdmissionTicket(false, nextTicket);
                    nextTicket++;
                }
            }

            actions.Insert(0, SlotsAction(slots with { Running = running, NextTicket = nextTicket }, etag));
            try
            {
                await _table.SubmitTransactionAsync(actions, CancellationToken.None);
                return tickets;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                // One of them entered already (a retried start): each on its own, which finds where that one stands.
                var one = new Dictionary<string, AdmissionTicket>(StringComparer.Ordinal);
                foreach (var jobId in jobIds)
                {
                    one[jobId] = await EnterInTurnAsync(jobId, CancellationToken.None);
                }

                return one;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412 && attempt < MaxAttempts)
            {
                // Another process changed the slots first: decide again.
            }

            await BackOffAsync(attempt, CancellationToken.None);
        }
    }

    private async Task<AdmissionTicket> EnterInTurnAsync(string jobId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (slots, etag) = await ReadSlotsAsync(cancellationToken);
            var admitted = slots.Running < _options.MaxRunning;
            var next = admitted ? slots with { Running = slots.Running + 1 } : slots with { NextTicket = slots.NextTicket + 1 };
            var actions = new List<TableTransactionAction> { SlotsAction(next, etag) };
            if (admitted)
            {
                actions.Add(new(TableTransactionActionType.Add, JobRow(jobId, "running", null, null)));
            }
            else
            {
                actions.Add(new(TableTransactionActionType.Add, new TableEntity(Partition, WaitingKey(slots.NextTicket, jobId))));
                actions.Add(new(TableTransactionActionType.Add, JobRow(jobId, "waiting", slots.NextTicket, null)));
            }

            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return new AdmissionTicket(admitted, admitted ? null : slots.NextTicket);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                // This job entered already (a retried start): where it stands now.
                var row = await ReadJobAsync(jobId, cancellationToken);
                if (row is not null)
                {
                    return new AdmissionTicket(row.State != "waiting", row.State == "waiting" ? row.Ticket : null);
                }
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412 && attempt < MaxAttempts)
            {
                // Another start or finish changed the slots first: decide again.
            }

            await BackOffAsync(attempt, cancellationToken);
        }
    }

    /// <summary>
    /// The job ends (or is cancelled while it waits): a running job's slot goes to the oldest waiting job, whose id is
    /// returned so the caller can wake it; a waiting job just leaves the queue. Idempotent per job.
    /// </summary>
    public async Task<string?> LeaveAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        await _turn.WaitAsync(cancellationToken);
        try
        {
            return await LeaveInTurnAsync(jobId, cancellationToken);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<string?> LeaveInTurnAsync(string jobId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var slotsRead = ReadSlotsAsync(cancellationToken);
            var rowRead = ReadJobAsync(jobId, cancellationToken);
            var headRead = FirstWaitingAsync(cancellationToken);
            await Task.WhenAll(slotsRead, rowRead, headRead);
            var (slots, etag) = await slotsRead;
            var row = await rowRead;
            if (row is null || row.State == "left")
            {
                return row?.Next;
            }

            var actions = new List<TableTransactionAction>();
            string? next = null;
            if (row.State == "waiting")
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(Partition, WaitingKey(row.Ticket ?? 0, jobId)), ETag.All));
            }
            else if (await headRead is { } head)
            {
                // The slot passes straight to the oldest waiting job.
                next = head.JobId;
                actions.Add(SlotsAction(slots with { ServedTicket = Math.Max(slots.ServedTicket, head.Ticket) }, etag));
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(Partition, head.RowKey), head.ETag));
                actions.Add(new(TableTransactionActionType.UpdateReplace, JobRow(head.JobId, "running", head.Ticket, null), ETag.All));
            }
            else
            {
                actions.Add(SlotsAction(slots with { Running = Math.Max(0, slots.Running - 1) }, etag));
            }

            actions.Add(new(TableTransactionActionType.UpdateReplace, JobRow(jobId, "left", row.Ticket, next), row.ETag));
            try
            {
                var writtenAt = Environment.TickCount64;
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                if (next is not null)
                {
                    Remember(Math.Max(slots.ServedTicket, (await headRead)!.Ticket), writtenAt);
                }

                return next;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412 && attempt < MaxAttempts)
            {
                // Someone else moved first (another finish took the same waiting job, a start changed the slots): again.
            }

            await BackOffAsync(attempt, cancellationToken);
        }
    }

    /// <summary>
    /// Whether the job holds a slot now (it was admitted, or a finishing job handed it one): what a queued job's
    /// orchestration asks when the hand-over's wake-up has not come (it is lost when it reaches the job before the
    /// job's orchestration has started).
    /// </summary>
    public async Task<bool> HoldsSlotAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        return await ReadJobAsync(jobId, cancellationToken) is { State: "running" };
    }

    /// <summary>How many jobs wait ahead of <paramref name="ticket"/> (tickets admitted since leave the count).</summary>
    public async Task<int> AheadOfAsync(long ticket, CancellationToken cancellationToken = default) =>
        AheadOf(ticket, await ServedTicketAsync(cancellationToken));

    /// <summary>
    /// The last ticket admitted, for <see cref="AheadOf"/> over many jobs: one read, shared by every caller in this
    /// process for <see cref="JobAdmissionOptions.PositionFreshFor"/> (a queue position a moment old is still right to
    /// within the jobs admitted meanwhile; without it every status read of a queued job costs a second table read).
    /// </summary>
    public async Task<long> ServedTicketAsync(CancellationToken cancellationToken = default)
    {
        var cached = Volatile.Read(ref _served);
        if (cached is not null && Environment.TickCount64 - cached.ReadAt < _options.PositionFreshFor.TotalMilliseconds)
        {
            return cached.Ticket;
        }

        await _ensured.GetAsync(cancellationToken);
        var (slots, _) = await ReadSlotsAsync(cancellationToken);
        return slots.ServedTicket;
    }

    /// <summary>How many jobs wait ahead of <paramref name="ticket"/> when <paramref name="served"/> is the last ticket admitted.</summary>
    public static int AheadOf(long ticket, long served) => (int)Math.Max(0, ticket - served - 1);

    /// <summary>How many jobs run now and how many wait (one read; the waiting count is from the tickets).</summary>
    public async Task<(int Running, long Waiting)> CountsAsync(CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        var (slots, _) = await ReadSlotsAsync(cancellationToken);
        return (slots.Running, Math.Max(0, slots.NextTicket - slots.ServedTicket - 1));
    }

    /// <summary>
    /// The jobs holding a slot whose place was last written before <paramref name="before"/> — for the housekeeping
    /// timer, which gives back the slots of jobs that stopped without leaving. At most <see cref="JobAdmissionOptions.MaxRunning"/>
    /// rows match, plus any leaked ones.
    /// </summary>
    public async Task<IReadOnlyList<string>> HoldersAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {"j|"} and RowKey lt {"j}"} and State eq {"running"} and Timestamp lt {before}");
        var holders = new List<string>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            holders.Add(entity.RowKey["j|".Length..]);
        }

        return holders;
    }

    /// <summary>
    /// Deletes the places of jobs that left before <paramref name="before"/>: they only keep a retried leave
    /// idempotent, which a day covers many times over. Returns how many went.
    /// </summary>
    public async Task<int> ForgetLeftAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {"j|"} and RowKey lt {"j}"} and State eq {"left"} and Timestamp lt {before}");
        var batch = new List<TableTransactionAction>();
        var forgotten = 0;
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, entity.RowKey), ETag.All));
            if (batch.Count == 100)
            {
                forgotten += await DeleteAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        return forgotten + (batch.Count > 0 ? await DeleteAsync(batch, cancellationToken) : 0);
    }

    private async Task<int> DeleteAsync(List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        try
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken);
            return batch.Count;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            // Another sweep took some first; the next sweep finishes.
            return 0;
        }
    }

    private async Task<(SlotsRow Slots, ETag? ETag)> ReadSlotsAsync(CancellationToken cancellationToken)
    {
        var readAt = Environment.TickCount64;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, Slots, cancellationToken: cancellationToken);
        var slots = row.HasValue && row.Value is { } entity
            ? new SlotsRow(entity.GetInt32("Running") ?? 0, entity.GetInt64("NextTicket") ?? 1, entity.GetInt64("ServedTicket") ?? 0)
            : new SlotsRow(0, 1, 0);
        Remember(slots.ServedTicket, readAt);
        return (slots, row.HasValue ? row.Value?.ETag : null);
    }

    /// <summary>Every read or write of the slots row in this process refreshes the served ticket the positions use.</summary>
    private void Remember(long served, long readAt) => Volatile.Write(ref _served, new ServedRead(served, readAt));

    private async Task<Place?> ReadJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, JobKey(jobId), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } e
            ? new Place(e.GetString("State") ?? "left", e.GetInt64("Ticket"), e.GetString("Next"), e.ETag)
            : null;
    }

    private async Task<Waiting?> FirstWaitingAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {"w|"} and RowKey lt {"w}"}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            var parts = entity.RowKey.Split('|');
            return new Waiting(entity.RowKey, long.Parse(parts[1], CultureInfo.InvariantCulture), parts[2], entity.ETag);
        }

        return null;
    }

    private static TableTransactionAction SlotsAction(SlotsRow slots, ETag? etag)
    {
        var entity = new TableEntity(Partition, Slots)
        {
            ["Running"] = slots.Running,
            ["NextTicket"] = slots.NextTicket,
            ["ServedTicket"] = slots.ServedTicket,
        };
        return etag is { } match
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, match)
            : new TableTransactionAction(TableTransactionActionType.Add, entity);
    }

    private static TableEntity JobRow(string jobId, string state, long? ticket, string? next)
    {
        var entity = new TableEntity(Partition, JobKey(jobId)) { ["State"] = state };
        if (ticket is { } t)
        {
            entity["Ticket"] = t;
        }

        if (next is not null)
        {
            entity["Next"] = next;
        }

        return entity;
    }

    private static string JobKey(string jobId) => "j|" + jobId;

    private static string WaitingKey(long ticket, string jobId) => "w|" + ticket.ToString("D19", CultureInfo.InvariantCulture) + "|" + jobId;

    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), cancellationToken);

    private sealed record SlotsRow(int Running, long NextTicket, long ServedTicket);

    private sealed record Place(string State, long? Ticket, string? Next, ETag ETag);

    private sealed record Waiting(string RowKey, long Ticket, string JobId, ETag ETag);

    private sealed record PendingEntry(string JobId, TaskCompletionSource<AdmissionTicket> Ticket);

    /// <summary>The served ticket as last read, and when (<see cref="Environment.TickCount64"/>).</summary>
    private sealed record ServedRead(long Ticket, long ReadAt);
}
