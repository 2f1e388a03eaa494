using Microsoft.Extensions.Logging;

namespace Natak.Providers.Webhooks;

/// <summary>
/// The outcome of checking a provider webhook: valid with the parsed payload, or rejected with a reason.
/// Verifiers return this rather than throw, so an endpoint can map reasons to status codes
/// (<see cref="WebhookRejectReason.SigningMaterialUnavailable"/> → 503 so the provider retries; the rest → 401/400).
/// </summary>
/// <param name="IsValid">True when the signature verified and the payload parsed.</param>
/// <param name="Reason">Why it was rejected; null when valid.</param>
/// <param name="Detail">A short explanation for logs (never secret material).</param>
/// <param name="ProviderRequestId">The provider's request/prediction id, from the body when valid, else from the headers when present.</param>
/// <param name="Payload">The parsed payload when valid.</param>
public sealed record WebhookVerification<TPayload>(
    bool IsValid,
    WebhookRejectReason? Reason,
    string Detail,
    string? ProviderRequestId,
    TPayload? Payload)
    where TPayload : class
{
    internal static WebhookVerification<TPayload> Valid(string? requestId, TPayload payload) => new(true, null, "valid", requestId, payload);

    internal static WebhookVerification<TPayload> Rejected(WebhookRejectReason reason, string detail, string? requestId) => new(false, reason, detail, requestId, null);

    /// <summary>This outcome, after logging it when it is a rejection (a forged or broken delivery is worth seeing).</summary>
    internal WebhookVerification<TPayload> Logged(ILogger logger, ProviderKind provider)
    {
        if (!IsValid)
        {
            logger.WebhookRejected(provider, ProviderRequestId, Reason!.Value);
        }

        return this;
    }
}
