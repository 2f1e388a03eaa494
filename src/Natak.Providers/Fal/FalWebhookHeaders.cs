namespace Natak.Providers.Fal;

/// <summary>The signature headers of a fal webhook.</summary>
/// <param name="RequestId"><c>X-Fal-Webhook-Request-Id</c>.</param>
/// <param name="UserId"><c>X-Fal-Webhook-User-Id</c>.</param>
/// <param name="Timestamp"><c>X-Fal-Webhook-Timestamp</c> (unix seconds).</param>
/// <param name="Signature"><c>X-Fal-Webhook-Signature</c> (hex of a 64-byte Ed25519 signature).</param>
public sealed record FalWebhookHeaders(string? RequestId, string? UserId, string? Timestamp, string? Signature)
{
    /// <summary>Header name of <see cref="RequestId"/>.</summary>
    public const string RequestIdHeader = "X-Fal-Webhook-Request-Id";

    /// <summary>Header name of <see cref="UserId"/>.</summary>
    public const string UserIdHeader = "X-Fal-Webhook-User-Id";

    /// <summary>Header name of <see cref="Timestamp"/>.</summary>
    public const string TimestampHeader = "X-Fal-Webhook-Timestamp";

    /// <summary>Header name of <see cref="Signature"/>.</summary>
    public const string SignatureHeader = "X-Fal-Webhook-Signature";

    /// <summary>Reads the headers through a case-insensitive lookup, e.g. <c>name => request.Headers[name].FirstOrDefault()</c>.</summary>
    public static FalWebhookHeaders From(Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new(header(RequestIdHeader), header(UserIdHeader), header(TimestampHeader), header(SignatureHeader));
    }
}
