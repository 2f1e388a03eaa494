namespace Natak.Core.Problems;

/// <summary>
/// The stable <c>code</c> extension of every problem response (api.md "Errors"). Clients branch on these;
/// never rename one.
/// </summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string MalformedJson = "malformed_json";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string PayloadTooLarge = "payload_too_large";
    public const string InsufficientCredits = "insufficient_credits";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>An outside service Natak needs to answer (the payment provider) could not do it now; nothing was changed.</summary>
    public const string ProviderUnavailable = "provider_unavailable";
    public const string ServiceUnavailable = "service_unavailable";
    public const string InternalError = "internal_error";
    public const string InvalidSignature = "invalid_signature";
}
