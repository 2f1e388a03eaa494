using System.Globalization;
using Natak.Tables.Common;

namespace Natak.Tables.Credits;

/// <summary>The row layout of the <c>CreditLedger</c> table (docs/ledger.md): one partition per user.</summary>
internal static class LedgerKeys
{
    public const string Balance = "BAL";
    public const string JournalPrefix = "J|";
    public const int MaxKeyLength = 512;

    public static string Partition(string userId) => TableNames.UserPartition(userId);

    // D19 keeps the lexical order of row keys equal to the numeric order of sequence numbers.
    public static string Journal(long seq) => JournalPrefix + seq.ToString("D19", CultureInfo.InvariantCulture);

    public static string Fence(string opKey) => "K|" + opKey;

    public static string Hold(string holdId) => "H|" + holdId;

    /// <summary>
    /// Rejects values that cannot be part of a PartitionKey or RowKey: Table Storage forbids '/', '\', '#', '?'
    /// and control characters, and caps keys at 1 KiB.
    /// </summary>
    public static string Require(string? value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        if (value.Length > MaxKeyLength)
        {
            throw new ArgumentException($"must be at most {MaxKeyLength} characters", paramName);
        }

        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException("must not contain '/', '\\', '#', '?' or control characters", paramName);
            }
        }

        return value;
    }
}
