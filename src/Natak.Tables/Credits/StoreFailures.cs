using Azure;

namespace Natak.Tables.Credits;

/// <summary>Which failures of an entity-group transaction send the write loop back to reading the fence.</summary>
internal static class StoreFailures
{
    /// <summary>
    /// 409/412: another writer got there first. 408/429/5xx, a lost connection or a timeout: the batch may or
    /// may not have committed (the "ambiguous commit"); the fence read on the next attempt tells which.
    /// </summary>
    public static bool IsRetryable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RequestFailedException { Status: 409 or 412 } => true,
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true,
        IOException or HttpRequestException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0
            && aggregate.InnerExceptions.All(inner => IsRetryable(inner, cancellationToken)),
        _ => false,
    };

    public static bool IsConflict(Exception exception) => exception is RequestFailedException { Status: 409 or 412 };
}
