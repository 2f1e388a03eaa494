namespace Natak.Providers;

/// <summary>
/// Why a provider call failed, as plain data: an activity can return it to an orchestration (it serializes),
/// and <see cref="ProviderException"/> carries it when thrown. Never contains the API key.
/// </summary>
/// <param name="Provider">Which provider failed.</param>
/// <param name="Code">One of <see cref="ProviderErrorCodes"/>.</param>
/// <param name="Message">A human-readable explanation (the provider's message, redacted and truncated).</param>
/// <param name="HttpStatus">The HTTP status the provider answered with; null for network errors, timeouts and open circuits.</param>
/// <param name="IsRetryable">True when repeating the same call later is safe (no double billing) and may succeed.</param>
/// <param name="MayHaveReachedProvider">True when the provider may have received and acted on the request (for a submit: a job may exist).</param>
/// <param name="MayBeBilled">True when the provider may charge for it (ambiguous submits, fal input errors).</param>
public sealed record ProviderFailure(
    ProviderKind Provider,
    string Code,
    string Message,
    int? HttpStatus,
    bool IsRetryable,
    bool MayHaveReachedProvider,
    bool MayBeBilled)
{
    /// <summary>Field-level validation errors, when the provider named the fields.</summary>
    public IReadOnlyList<ProviderFieldError> FieldErrors { get; init; } = [];

    /// <summary>The provider's request/prediction id, when known.</summary>
    public string? ProviderRequestId { get; init; }

    /// <summary>When the provider said to try again (its <c>Retry-After</c>), if it did.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// The provider turned the request away before creating anything — throttled (429), shedding load (503), or never
    /// reached (no connection, circuit open) — so sending it again cannot bill twice.
    /// </summary>
    public bool Refused => IsRetryable && !MayHaveReachedProvider
        && Code is ProviderErrorCodes.RateLimited or ProviderErrorCodes.ProviderUnavailable;
}
