namespace Natak.Tables.Credits;

/// <summary>
/// A write did not get through after the configured attempts (sustained contention or an unavailable store).
/// The operation was not applied as of the last read of its fence; calling again with the same op key is safe.
/// </summary>
public sealed class LedgerRetryExhaustedException(string opKey, int attempts, Exception lastError)
    : Exception($"Ledger operation '{opKey}' was not applied after {attempts} attempts.", lastError)
{
    public string OpKey { get; } = opKey;

    public int Attempts { get; } = attempts;
}
