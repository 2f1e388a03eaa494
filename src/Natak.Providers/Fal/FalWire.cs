using System.Text.Json.Nodes;

namespace Natak.Providers.Fal;

// fal's wire shapes (snake_case via ProvidersJsonContext). Optional fields are nullable: fal omits them freely.

internal sealed record FalSubmitResponse
{
    public string? RequestId { get; init; }
    public string? Status { get; init; }
    public string? StatusUrl { get; init; }
    public string? ResponseUrl { get; init; }
    public string? CancelUrl { get; init; }
}

internal sealed record FalStatusResponse
{
    public string? Status { get; init; }
    public JsonNode? Error { get; init; }
    public string? ErrorType { get; init; }
}

internal sealed record FalWebhookWire
{
    public string? RequestId { get; init; }
    public string? Status { get; init; }
    public JsonNode? Payload { get; init; }
    public JsonNode? Error { get; init; }
    public JsonNode? PayloadError { get; init; }
}

internal sealed record JsonWebKeySetWire
{
    public List<JsonWebKeyWire>? Keys { get; init; }
}

internal sealed record JsonWebKeyWire
{
    public string? Kty { get; init; }
    public string? Crv { get; init; }
    public string? X { get; init; }
}
