using System.Text.Json.Nodes;

namespace Natak.Providers.Fal;

/// <summary>
/// The body fal POSTs to a webhook. fal retries delivery (up to 10 times over ~2 h), so receivers must be
/// idempotent on <see cref="RequestId"/>.
/// </summary>
/// <param name="RequestId">The queue request id.</param>
/// <param name="Status"><c>OK</c> or <c>ERROR</c>.</param>
/// <param name="Payload">The model output (the same JSON as the result endpoint), or null.</param>
/// <param name="Error">e.g. <c>Invalid status code: 422</c>.</param>
/// <param name="PayloadError">Why the payload could not be attached, when it could not.</param>
public sealed record FalWebhookPayload(string RequestId, string Status, JsonNode? Payload, string? Error, string? PayloadError)
{
    /// <summary>True when fal reports success and attached the output.</summary>
    public bool Succeeded => Status == "OK" && Error is null && Payload is not null;
}
