namespace Natak.Providers.Http;

/// <summary>Turns HTTP answers and transport exceptions into <see cref="ProviderFailure"/>s, one rule set for all providers.</summary>
internal static class ProviderFailures
{
    private const int MaxMessageLength = 600;

    public static ProviderFailure FromResponse(ProviderKind provider, int status, CallKind kind, ErrorBody body, string apiKey, string? requestId = null)
    {
        var code = body switch
        {
            { ContentPolicy: true } => ProviderErrorCodes.ContentPolicyViolation,
            { UserDeadline: true } => ProviderErrorCodes.Timeout,
            { BadKey: true } => ProviderErrorCodes.Unauthorized,
            _ => status switch
            {
                400 or 413 or 422 => ProviderErrorCodes.InputInvalid,
                401 => ProviderErrorCodes.Unauthorized,
                402 => ProviderErrorCodes.PaymentRequired,
                403 => ProviderErrorCodes.Forbidden,
                404 => ProviderErrorCodes.NotFound,
                408 => ProviderErrorCodes.Timeout,
                429 => ProviderErrorCodes.RateLimited,
                502 or 503 or 504 => ProviderErrorCodes.ProviderUnavailable,
                _ => ProviderErrorCodes.ProviderFailed,
            },
        };

        var transient = !body.ContentPolicy && !body.UserDeadline && !body.BadKey && !body.Final && status is 408 or 429 or >= 500;

        // fal documents that input errors may still be billed: the model ran far enough to reject them.
        var billedInputError = provider == ProviderKind.Fal && (status == 422 || body.ContentPolicy);
        var failure = new ProviderFailure(provider, code, Clean(body.Message, apiKey), status, transient, billedInputError, billedInputError)
        {
            FieldErrors = body.FieldErrors,
            ProviderRequestId = requestId,
        };

        // A 429/503/408 answer to a POST means it was refused, so the caller may send it again. Any other 5xx may
        // come from a gateway in front of work that was already queued: the job may exist.
        if (kind == CallKind.BillablePost && status >= 500 && status != 503 && !body.UserDeadline)
        {
            return failure with
            {
                Code = ProviderErrorCodes.AmbiguousSubmit,
                IsRetryable = false,
                MayHaveReachedProvider = true,
                MayBeBilled = true,
                Message = $"HTTP {status} after the request was sent; the job may exist. {failure.Message}",
            };
        }

        return failure;
    }

    public static ProviderFailure FromException(ProviderKind provider, CallKind kind, Exception exception, string what)
    {
        var (code, detail) = exception switch
        {
            Polly.CircuitBreaker.BrokenCircuitException => (ProviderErrorCodes.ProviderUnavailable, "circuit open after repeated failures; not sent"),
            HttpRequestException { HttpRequestError: var e } when NotSent(e) => (ProviderErrorCodes.ProviderUnavailable, $"could not connect ({e})"),
            HttpRequestException { HttpRequestError: var e } => (Ambiguous(kind, ProviderErrorCodes.ProviderUnavailable), $"network error after sending ({e})"),
            _ => (Ambiguous(kind, ProviderErrorCodes.Timeout), "no answer before the deadline"),
        };

        var ambiguous = code == ProviderErrorCodes.AmbiguousSubmit;
        var message = ambiguous ? $"{what}: {detail}; the job may exist and may be billed, so it is not re-sent." : $"{what}: {detail}.";
        return new ProviderFailure(provider, code, message, HttpStatus: null, IsRetryable: !ambiguous, MayHaveReachedProvider: ambiguous, MayBeBilled: ambiguous);
    }

    public static ProviderFailure InvalidResponse(ProviderKind provider, CallKind kind, string detail, int? status, string? requestId = null)
    {
        // A 2xx body we cannot read after a POST means the work was accepted but we lost its handle.
        var accepted = kind == CallKind.BillablePost;
        return new ProviderFailure(provider, ProviderErrorCodes.InvalidResponse, detail, status, IsRetryable: !accepted, accepted, accepted)
        {
            ProviderRequestId = requestId,
        };
    }

    /// <summary>Redacts the key (some providers echo part of it) and bounds the length.</summary>
    public static string Clean(string message, string apiKey)
    {
        if (apiKey.Length > 0)
        {
            message = message.Replace(apiKey, "***", StringComparison.Ordinal);
        }

        message = message.Trim();
        return message.Length <= MaxMessageLength ? message : message[..MaxMessageLength] + "…";
    }

    private static string Ambiguous(CallKind kind, string otherwise) =>
        kind == CallKind.BillablePost ? ProviderErrorCodes.AmbiguousSubmit : otherwise;

    // Errors raised while establishing the connection: nothing of the request left this process.
    private static bool NotSent(HttpRequestError error) =>
        error is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;
}
