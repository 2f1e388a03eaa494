namespace Natak.Providers.Webhooks;

/// <summary>Why a webhook was not accepted.</summary>
public enum WebhookRejectReason
{
    /// <summary>A signature header is missing or empty.</summary>
    MissingHeaders,

    /// <summary>The timestamp header is not a unix time in seconds.</summary>
    MalformedTimestamp,

    /// <summary>|now − timestamp| exceeds the tolerance (a replay, or a clock far off).</summary>
    TimestampOutOfTolerance,

    /// <summary>The signature header cannot be decoded.</summary>
    MalformedSignature,

    /// <summary>No key (or secret) verifies the signature: forged or tampered.</summary>
    SignatureMismatch,

    /// <summary>The signing keys (fal JWKS) or secret (WaveSpeed) could not be fetched: answer 5xx so the provider retries.</summary>
    SigningMaterialUnavailable,

    /// <summary>The signature is valid but the body is not the provider's payload shape.</summary>
    MalformedPayload,
}
