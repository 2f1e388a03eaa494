using Azure;
using Azure.Data.Tables;

namespace Natak.Tables.Credits;

/// <summary>Maps the ledger's rows to and from table entities (property names as docs/ledger.md lists them).</summary>
internal static class LedgerRows
{
    public static AccountHead ReadHead(TableEntity? entity) => entity is null
        ? AccountHead.New
        : new AccountHead(
            new AccountBalance(
                entity.GetInt64("CreditsPosted") ?? 0,
                entity.GetInt64("DebitsPosted") ?? 0,
                entity.GetInt64("DebitsPending") ?? 0,
                entity.GetInt64("Seq") ?? 0),
            entity.GetInt64("Version") ?? 0,
            entity.ETag);

    public static TableEntity WriteHead(string partition, AccountBalance balance, long version) => new(partition, LedgerKeys.Balance)
    {
        ["CreditsPosted"] = balance.CreditsPosted,
        ["DebitsPosted"] = balance.DebitsPosted,
        ["DebitsPending"] = balance.DebitsPending,
        ["Seq"] = balance.Seq,
        ["Version"] = version,
    };

    public static TableEntity WriteJournal(string partition, JournalEntry entry) => new(partition, LedgerKeys.Journal(entry.Seq))
    {
        ["Seq"] = entry.Seq,
        ["Kind"] = entry.Kind.ToString(),
        ["Amount"] = entry.Amount,
        ["OpKey"] = entry.OpKey,
        ["HoldId"] = entry.HoldId,
        ["JobId"] = entry.JobId,
        ["ExtRef"] = entry.ExtRef,
        ["Reason"] = entry.Reason,
        ["BalanceAfter"] = entry.BalanceAfter,
        ["AvailableAfter"] = entry.AvailableAfter,
        ["CreatedUtc"] = entry.CreatedUtc.UtcDateTime,
    };

    public static JournalEntry ReadJournal(TableEntity e) => new(
        e.GetInt64("Seq") ?? throw Corrupt(e, "Seq"),
        Enum.Parse<JournalKind>(e.GetString("Kind") ?? throw Corrupt(e, "Kind")),
        e.GetInt64("Amount") ?? throw Corrupt(e, "Amount"),
        e.GetString("OpKey") ?? string.Empty,
        e.GetString("HoldId"),
        e.GetString("JobId"),
        e.GetString("ExtRef"),
        e.GetString("Reason"),
        e.GetInt64("BalanceAfter") ?? 0,
        e.GetInt64("AvailableAfter") ?? 0,
        e.GetDateTimeOffset("CreatedUtc") ?? DateTimeOffset.MinValue);

    public static TableEntity WriteHold(string partition, LedgerHold hold) => new(partition, LedgerKeys.Hold(hold.HoldId))
    {
        ["Amount"] = hold.Amount,
        ["Status"] = hold.Status.ToString(),
        ["Captured"] = hold.Captured,
        ["JobId"] = hold.JobId,
        ["ExpiresUtc"] = hold.ExpiresUtc.UtcDateTime,
        ["CreatedUtc"] = hold.CreatedUtc.UtcDateTime,
        ["ClosedUtc"] = hold.ClosedUtc?.UtcDateTime,
        ["ClosedBy"] = hold.ClosedBy,
    };

    public static LedgerHold ReadHold(TableEntity e) => new(
        e.RowKey[2..],
        e.GetString("JobId") ?? string.Empty,
        e.GetInt64("Amount") ?? throw Corrupt(e, "Amount"),
        Enum.Parse<HoldStatus>(e.GetString("Status") ?? throw Corrupt(e, "Status")),
        e.GetInt64("Captured") ?? 0,
        e.GetDateTimeOffset("ExpiresUtc") ?? throw Corrupt(e, "ExpiresUtc"),
        e.GetDateTimeOffset("CreatedUtc") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ClosedUtc"),
        e.GetString("ClosedBy"));

    public static TableEntity WriteFence(string partition, string opKey, string requestHash, LedgerReceipt receipt) => new(partition, LedgerKeys.Fence(opKey))
    {
        ["RequestHash"] = requestHash,
        ["Result"] = LedgerJson.Serialize(receipt),
    };

    public static Fence ReadFence(TableEntity e) => new(
        e.GetString("RequestHash") ?? throw Corrupt(e, "RequestHash"),
        LedgerJson.Deserialize(e.GetString("Result") ?? throw Corrupt(e, "Result")));

    private static InvalidDataException Corrupt(TableEntity e, string property) =>
        new($"Ledger row {e.PartitionKey}/{e.RowKey} has no {property}.");
}

/// <summary>The <c>BAL</c> row as read: no ETag means the account has never been written.</summary>
internal sealed record AccountHead(AccountBalance Balance, long Version, ETag? ETag)
{
    public static readonly AccountHead New = new(AccountBalance.Empty, 0, null);
}

/// <summary>A stored idempotency fence: the request it was written for and the receipt it returned.</summary>
internal sealed record Fence(string RequestHash, LedgerReceipt Receipt);
