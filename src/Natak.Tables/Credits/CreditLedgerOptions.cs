namespace Natak.Tables.Credits;

/// <summary>Settings of <see cref="CreditLedger"/>, bound from <c>Ledger:Credits</c>.</summary>
public sealed class CreditLedgerOptions
{
    public const string SectionName = "Ledger:Credits";

    /// <summary>The ledger table (one partition per user).</summary>
    public string TableName { get; set; } = "CreditLedger";

    /// <summary>The index of holds by expiry hour that <see cref="HoldSweeper"/> reads.</summary>
    public string HoldExpiryTableName { get; set; } = "CreditHoldExpiry";

    /// <summary>
    /// Attempts of the read–validate–commit loop before giving up on a contended or failing write (worst case
    /// about 20 s with the default back-off). Within one host, writes to an account queue in process and rarely
    /// need a second attempt; contention comes from other hosts writing the same account at the same moment.
    /// </summary>
    public int MaxAttempts { get; set; } = 30;

    /// <summary>The first back-off after a conflict; it doubles per attempt (full jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// The longest back-off. Contenders must spread over more than (their number × one write's duration) to stop
    /// colliding; 1 s covers dozens of hosts on one account.
    /// </summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(1);
}
