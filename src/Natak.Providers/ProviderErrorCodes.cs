namespace Natak.Providers;

/// <summary>
/// Stable, provider-neutral error codes carried by <see cref="ProviderFailure.Code"/>. They are persisted in
/// job records and surfaced by the API, so existing values never change meaning.
/// </summary>
public static class ProviderErrorCodes
{
    /// <summary>The provider rejected the input (HTTP 400/413/422 with validation details). Not retryable.</summary>
    public const string InputInvalid = "input_invalid";

    /// <summary>The provider's moderation refused the prompt or image. Not retryable.</summary>
    public const string ContentPolicyViolation = "content_policy_violation";

    /// <summary>HTTP 429: the request was refused, not accepted. Retryable after a back-off.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The provider is unreachable, overloaded (503, 502, 504) or its circuit is open. Retryable; another provider may serve it.</summary>
    public const string ProviderUnavailable = "provider_unavailable";

    /// <summary>The provider (or the model) failed the work: a 5xx on a fetch, or a completed job that carries an error.</summary>
    public const string ProviderFailed = "provider_failed";

    /// <summary>A deadline expired: our own per-attempt/total timeout on a fetch, or fal's user deadline (never retried).</summary>
    public const string Timeout = "timeout";

    /// <summary>HTTP 401, or a 400 that says the key is wrong (xAI). Not retryable: fix the key.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>HTTP 403 (e.g. fal's "user is locked: exhausted balance"). Not retryable.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>HTTP 402: the provider account has no balance. Not retryable.</summary>
    public const string PaymentRequired = "payment_required";

    /// <summary>HTTP 404: unknown model, request or prediction. Not retryable.</summary>
    public const string NotFound = "not_found";

    /// <summary>
    /// A billable POST (submit, chat completion) failed after it may have reached the provider: network error
    /// after sending, timeout, or a 500/502/504 answer. Work may exist and may be billed. Never retried by the client.
    /// </summary>
    public const string AmbiguousSubmit = "ambiguous_submit";

    /// <summary>The job was cancelled at the provider (WaveSpeed <c>cancelled</c>).</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The provider answered with a body this client cannot read.</summary>
    public const string InvalidResponse = "invalid_response";
}
