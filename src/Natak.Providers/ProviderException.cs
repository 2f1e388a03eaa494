namespace Natak.Providers;

/// <summary>
/// The one exception the provider clients throw for provider-side failures. Caller cancellation still surfaces as
/// <see cref="OperationCanceledException"/>. The message never contains the API key. Creating one counts the
/// failure (<c>natak.provider.errors</c>) and marks the call's span failed: every failed call ends in one.
/// </summary>
public sealed class ProviderException : Exception
{
    /// <summary>Creates the exception for a failure.</summary>
    public ProviderException(ProviderFailure failure, Exception? innerException = null)
        : base($"{failure.Provider} {failure.Code}{(failure.HttpStatus is { } s ? $" (HTTP {s})" : "")}: {failure.Message}", innerException)
    {
        Failure = failure;
        ProvidersTelemetry.Failed(failure);
    }

    /// <summary>The failure as data.</summary>
    public ProviderFailure Failure { get; }

    /// <summary>Which provider failed.</summary>
    public ProviderKind Provider => Failure.Provider;

    /// <summary>The HTTP status, or null when no response was received.</summary>
    public int? StatusCode => Failure.HttpStatus;

    /// <summary>One of <see cref="ProviderErrorCodes"/>.</summary>
    public string ErrorCode => Failure.Code;

    /// <summary>True when repeating the same call later is safe and may succeed.</summary>
    public bool IsRetryable => Failure.IsRetryable;

    /// <summary>True when the provider may have received and acted on the request.</summary>
    public bool MayHaveReachedProvider => Failure.MayHaveReachedProvider;

    /// <summary>True when the provider may charge for the request.</summary>
    public bool MayBeBilled => Failure.MayBeBilled;

    /// <summary>Field-level validation errors.</summary>
    public IReadOnlyList<ProviderFieldError> FieldErrors => Failure.FieldErrors;
}
