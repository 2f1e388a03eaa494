namespace Natak.Providers.Http;

/// <summary>What a provider-specific parser read out of an error response.</summary>
internal sealed record ErrorBody(string Message)
{
    public IReadOnlyList<ProviderFieldError> FieldErrors { get; init; } = [];

    /// <summary>The provider's moderation refused the input.</summary>
    public bool ContentPolicy { get; init; }

    /// <summary>fal's caller-set deadline expired (<c>X-Fal-Request-Timeout-Type: user</c>): never retried.</summary>
    public bool UserDeadline { get; init; }

    /// <summary>The provider marked the failure as not worth retrying (fal <c>X-Fal-Retryable: false</c>).</summary>
    public bool Final { get; init; }

    /// <summary>The body says the key is wrong although the status is not 401 (xAI answers 400).</summary>
    public bool BadKey { get; init; }
}
