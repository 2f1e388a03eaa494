using Azure;
using Natak.Assets;

namespace Natak.Api.Http;

/// <summary>
/// Failures of a service Natak depends on that pass with time, once the SDK's own retries have given up: storage
/// unreachable (a reset connection, a timeout), a 5xx, a 408 or a 429 from it, and a conditional write that kept losing
/// to concurrent writers (412 after every retry). A client is told to try again (503 with <c>Retry-After</c>), not
/// that Natak broke (500).
/// </summary>
internal static class DependencyFailures
{
    /// <summary>Seconds a client waits before it tries again.</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>
    /// Storage's answers by status; anything else as the asset store judges it (a dropped connection, a timeout — an
    /// HTTP client's time-out arrives as a cancellation the caller did not ask for — or R2's 5xx).
    /// </summary>
    public static bool IsTransient(Exception exception) => exception is RequestFailedException storage
        ? storage.Status is 0 or 408 or 412 or 429 or >= 500
        : AssetStoreFailures.IsTransient(exception);
}
