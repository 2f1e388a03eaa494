namespace Natak.Providers.Http;

/// <summary>fal's error headers, read both by the retry predicate and by the fal error parser.</summary>
internal static class FalErrorHeaders
{
    public const string ErrorType = "X-Fal-Error-Type";
    public const string RequestTimeoutType = "X-Fal-Request-Timeout-Type";
    public const string Retryable = "X-Fal-Retryable";

    /// <summary>True for a 504 caused by the caller's own <c>X-Fal-Request-Timeout</c>: retrying cannot help.</summary>
    public static bool IsUserDeadline(HttpResponseMessage response) =>
        response.Headers.TryGetValues(RequestTimeoutType, out var values)
        && values.Any(v => string.Equals(v.Trim(), "user", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// True when fal marks the failure as final (<c>X-Fal-Retryable: false</c>, e.g. a model error answered on the
    /// result URL). UNCONFIRMED as a documented fal header; the simulator sends it, and honouring it only avoids
    /// pointless retries.
    /// </summary>
    public static bool IsMarkedFinal(HttpResponseMessage response) =>
        string.Equals(Get(response, Retryable)?.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    public static string? Get(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
