using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Natak.Tables.Common;

namespace Natak.Tables.Webhooks;

/// <summary>
/// The <c>WebhookInbox</c> table: one receipt per verified provider delivery, keyed by provider and provider
/// request id (partition) and the job step it was addressed to (row), so a delivery replayed at another job's
/// URL cannot use up the genuine one's receipt. Providers retry deliveries (fal up to 10 times over ~2 h); the
/// first receipt wins and later ones are counted, so a duplicate or late delivery changes nothing. The code relies
/// only on a row's existence; its <c>Status</c>, <c>ReceivedUtc</c> and <c>Deliveries</c> are the audit trail
/// operators read (docs/ledger.md, "Tables").
/// </summary>
public sealed class WebhookInbox
{
    private readonly TableClient _table;
    private readonly EnsuredTable _ensured;

    public WebhookInbox(TableServiceClient tables, IOptions<WebhookInboxOptions> options)
    {
        _table = tables.GetTableClient(options.Value.TableName);
        _ensured = new EnsuredTable(_table);
    }

    /// <summary>Records a delivery; true when it is the first for this provider request.</summary>
    public async Task<bool> RecordAsync(WebhookReceipt receipt, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        var entity = new TableEntity(Partition(receipt.Provider, receipt.ProviderRequestId), Row(receipt.JobId, receipt.Step))
        {
            ["JobId"] = receipt.JobId,
            ["Step"] = receipt.Step,
            ["Status"] = receipt.Status,
            ["ReceivedUtc"] = receipt.ReceivedAt.UtcDateTime,
            ["Deliveries"] = 1,
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            await CountDuplicateAsync(entity.PartitionKey, entity.RowKey, cancellationToken);
            return false;
        }
    }

    /// <summary>
    /// Removes a first receipt whose delivery could not be acted on, so the provider's retry of it counts as first
    /// again instead of being taken for a duplicate.
    /// </summary>
    public async Task ForgetAsync(WebhookReceipt receipt, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        await _table.DeleteEntityAsync(Partition(receipt.Provider, receipt.ProviderRequestId), Row(receipt.JobId, receipt.Step), ETag.All, cancellationToken);
    }

    public async Task<WebhookReceipt?> GetAsync(string provider, string providerRequestId, string jobId, string step, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(provider, providerRequestId), Row(jobId, step), cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } e)
        {
            return null;
        }

        return new WebhookReceipt(provider, providerRequestId, e.GetString("JobId"), e.GetString("Step"), e.GetString("Status"),
            e.GetDateTimeOffset("ReceivedUtc") ?? DateTimeOffset.MinValue, e.GetInt32("Deliveries") ?? 1);
    }

    private async Task CountDuplicateAsync(string partition, string row, CancellationToken cancellationToken)
    {
        // Best effort: the count is for audit; losing an increment to a race changes nothing that matters.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var current = await _table.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            current.Value["Deliveries"] = (current.Value.GetInt32("Deliveries") ?? 1) + 1;
            try
            {
                await _table.UpdateEntityAsync(current.Value, current.Value.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // raced with another duplicate; read again
            }
        }
    }

    private static string Partition(string provider, string providerRequestId) => provider + "|" + providerRequestId;

    private static string Row(string jobId, string step) => jobId + "~" + step;
}

public sealed class WebhookInboxOptions
{
    public string TableName { get; set; } = "WebhookInbox";
}

/// <summary>A verified delivery: which provider request it reports and which job step it was for.</summary>
public sealed record WebhookReceipt(string Provider, string ProviderRequestId, string JobId, string Step, string Status, DateTimeOffset ReceivedAt, int Deliveries = 1);
