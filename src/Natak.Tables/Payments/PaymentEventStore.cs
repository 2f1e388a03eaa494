using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Natak.Tables.Common;
using Natak.Tables.Credits;

namespace Natak.Tables.Payments;

/// <summary>
/// The <c>PaymentEvents</c> table: one row per payment-provider event id, so each event is acted on once however
/// often (and however concurrently) it is delivered. The first delivery adds the row holding a lease, acts, and
/// marks it handled; a delivery meanwhile finds the lease live; a delivery after a handler died (lease run out)
/// or gave up takes the lease over with If-Match and acts again — safe, because every effect of an event is
/// idempotent on its own.
/// </summary>
public sealed class PaymentEventStore
{
    private const string EventRow = "event";
    private const string Processing = PaymentEventRecord.Processing;
    private const string HandledStatus = PaymentEventRecord.Handled;
    private const string Abandoned = PaymentEventRecord.Abandoned;
    private const int MaxAttempts = 10;

    private readonly EnsuredTable _table;
    private readonly TimeProvider _time;

    public PaymentEventStore(TableServiceClient tables, IOptions<PaymentStoreOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = new EnsuredTable(tables.GetTableClient(options.Value.EventsTableName));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Claims the event for this delivery for <paramref name="lease"/>, unless it is handled or held by another delivery.</summary>
    public async Task<PaymentEventClaim> BeginAsync(string eventId, string type, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = Partition(eventId);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var now = _time.GetUtcNow();
            try
            {
                await table.AddEntityAsync(new TableEntity(partition, EventRow)
                {
                    ["EventId"] = eventId,
                    ["Type"] = type,
                    ["Status"] = Processing,
                    ["LeaseUntilUtc"] = (now + lease).UtcDateTime,
                    ["Deliveries"] = 1,
                    ["ReceivedUtc"] = now.UtcDateTime,
                }, cancellationToken).ConfigureAwait(false);
                return PaymentEventClaim.Acquired;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // delivered before: look at what became of it
            }

            var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, EventRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!row.HasValue || row.Value is not { } existing)
            {
                continue;
            }

            existing["Deliveries"] = (existing.GetInt32("Deliveries") ?? 1) + 1;
            var status = existing.GetString("Status");
            var leaseLive = status == Processing && existing.GetDateTimeOffset("LeaseUntilUtc") > now;
            if (status != HandledStatus && !leaseLive)
            {
                existing["Status"] = Processing;
                existing["LeaseUntilUtc"] = (now + lease).UtcDateTime;
            }

            try
            {
                await table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                continue;
            }

            return status == HandledStatus ? PaymentEventClaim.Handled
                : leaseLive ? PaymentEventClaim.InProgress
                : PaymentEventClaim.Acquired;
        }

        return PaymentEventClaim.InProgress;
    }

    /// <summary>Marks the event handled, with what handling it did.</summary>
    public async Task CompleteAsync(string eventId, string outcome, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.UpdateEntityAsync(new TableEntity(Partition(eventId), EventRow)
        {
            ["Status"] = HandledStatus,
            ["Outcome"] = outcome,
            ["HandledUtc"] = _time.GetUtcNow().UtcDateTime,
        }, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives the lease up after a failure, so the provider's next delivery of the event is acted on at once.</summary>
    public async Task AbandonAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.UpdateEntityAsync(new TableEntity(Partition(eventId), EventRow) { ["Status"] = Abandoned }, ETag.All, TableUpdateMode.Merge, cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<PaymentEventRecord?> GetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(eventId), EventRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } e
            ? new PaymentEventRecord(eventId, e.GetString("Type") ?? string.Empty, e.GetString("Status") ?? string.Empty, e.GetString("Outcome"),
                e.GetInt32("Deliveries") ?? 1, e.GetDateTimeOffset("HandledUtc"))
            : null;
    }

    private static string Partition(string eventId) => "e|" + LedgerKeys.Require(eventId, nameof(eventId));
}
