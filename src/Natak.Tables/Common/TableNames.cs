namespace Natak.Tables.Common;

/// <summary>Table names and the partition-key convention shared by the per-user tables.</summary>
public static class TableNames
{
    public const string Jobs = "Jobs";

    /// <summary>Per-user partition key: every row of one user's jobs (or ledger) lives in one partition.</summary>
    public static string UserPartition(string userId) => "u|" + userId;
}
