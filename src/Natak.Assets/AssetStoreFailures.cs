using Amazon.Runtime;

namespace Natak.Assets;

/// <summary>Which failures of the asset store (and of fetching a provider's file into it) pass with time: R2 or the source unreachable, a timeout, a 5xx.</summary>
public static class AssetStoreFailures
{
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken = default) => exception switch
    {
        SafeFetchException fetch => fetch.Code == SafeFetchErrorCodes.FetchFailed,
        AmazonServiceException service => service.StatusCode is 0 or System.Net.HttpStatusCode.RequestTimeout or System.Net.HttpStatusCode.TooManyRequests or >= System.Net.HttpStatusCode.InternalServerError,
        AmazonClientException or HttpRequestException or IOException or TimeoutException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
