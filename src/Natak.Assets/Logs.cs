using Microsoft.Extensions.Logging;

namespace Natak.Assets;

/// <summary>Source-generated log messages of the storage assembly. URLs are logged by host only: their query strings may be credentials.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Download from '{Host}' refused or failed: {Code} ({Reason})")]
    public static partial void FetchRefused(ILogger logger, string host, string code, string reason);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Multipart upload of '{Key}' failed and could not be aborted; R2 lifecycle rules must clean it up")]
    public static partial void AbortFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Deleted {Count} objects under '{Prefix}'")]
    public static partial void DeletedPrefix(ILogger logger, int count, string prefix);
}
