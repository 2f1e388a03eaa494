using Microsoft.Extensions.Logging;

namespace Natak.Tables.Credits;

internal static partial class LedgerLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Debug, Message = "Ledger write '{OpKey}' attempt {Attempt} failed ({Reason}); reading its fence again.")]
    public static partial void WriteRetry(ILogger logger, string opKey, int attempt, string reason, Exception exception);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Ledger write '{OpKey}' gave up after {Attempts} attempts.")]
    public static partial void WriteExhausted(ILogger logger, string opKey, int attempts, Exception exception);

    [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "Hold '{HoldId}' of job '{JobId}' expired and its {Amount} credits were given back.")]
    public static partial void HoldExpired(ILogger logger, string holdId, string jobId, long amount);

    [LoggerMessage(EventId = 711, Level = LogLevel.Warning, Message = "Hold '{HoldId}' could not be expired: {Outcome}.")]
    public static partial void HoldNotExpired(ILogger logger, string holdId, string outcome);

    [LoggerMessage(EventId = 712, Level = LogLevel.Information, Message = "Hold sweep: {Examined} due, {Expired} expired, {StillRunning} still running, {AlreadyClosed} already ended, {Orphans} orphan rows removed.")]
    public static partial void SweepDone(ILogger logger, int examined, int expired, int stillRunning, int alreadyClosed, int orphans);

    [LoggerMessage(EventId = 713, Level = LogLevel.Debug, Message = "Hold sweep: {Examined} due, nothing to give back ({StillRunning} still running, {AlreadyClosed} already ended).")]
    public static partial void SweepQuiet(ILogger logger, int examined, int stillRunning, int alreadyClosed);
}
