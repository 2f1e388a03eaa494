using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Natak.Tables.Common;

namespace Natak.Tables.Credits;

/// <summary>
/// The <c>CreditClaims</c> table: one row per outside id (<c>purchase|{paymentId}</c>, <c>grant|{grantId}</c>),
/// added once and never changed. Callers claim the id first and credit the ledger second, with the amount the
/// claim holds; a crash between the two is healed by the next attempt, which finds its own claim and completes
/// the credit (the ledger's op key makes that credit happen once).
/// </summary>
public sealed class CreditClaimStore
{
    private const string RowKey = "claim";

    private readonly EnsuredTable _table;
    private readonly TimeProvider _time;

    public CreditClaimStore(TableServiceClient tables, IOptions<CreditClaimStoreOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = new EnsuredTable(tables.GetTableClient(options.Value.TableName));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Claims <see cref="CreditClaim.ExternalId"/> for this claim, or returns the claim that already holds it.</summary>
    public async Task<CreditClaimResult> ClaimAsync(CreditClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(claim.Credits);
        LedgerKeys.Require(claim.UserId, nameof(claim.UserId));
        ArgumentNullException.ThrowIfNull(claim.Detail);
        var partition = Partition(claim.Kind, claim.ExternalId);

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(ToEntity(claim, partition), cancellationToken).ConfigureAwait(false);
            return new CreditClaimResult(claim, Created: true);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await table.GetEntityAsync<TableEntity>(partition, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new CreditClaimResult(FromEntity(existing.Value, claim.Kind), Created: false);
        }
    }

    /// <summary>The claim holding an id, if any.</summary>
    public async Task<CreditClaim?> GetAsync(CreditKind kind, string externalId, CancellationToken cancellationToken = default)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(kind, externalId), RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? FromEntity(entity, kind) : null;
    }

    private static string Partition(CreditKind kind, string externalId)
    {
        var prefix = kind switch
        {
            CreditKind.Purchase => "purchase|",
            CreditKind.Grant => "grant|",
            CreditKind.Adjust => "adjust|",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown credit kind"),
        };
        return prefix + LedgerKeys.Require(externalId, nameof(externalId));
    }

    private TableEntity ToEntity(CreditClaim claim, string partition) => new(partition, RowKey)
    {
        ["ExternalId"] = claim.ExternalId,
        ["UserId"] = claim.UserId,
        ["Credits"] = claim.Credits,
        ["Detail"] = claim.Detail,

        // For operators reconciling payments (docs/ledger.md, "Tables"); the code never reads it back.
        ["ClaimedUtc"] = _time.GetUtcNow().UtcDateTime,
    };

    private static CreditClaim FromEntity(TableEntity e, CreditKind kind) => new(
        kind,
        e.GetString("ExternalId") ?? string.Empty,
        e.GetString("UserId") ?? string.Empty,
        e.GetInt64("Credits") ?? 0,
        e.GetString("Detail") ?? string.Empty);
}
