using System.Text.Json.Nodes;

namespace Natak.Providers.WaveSpeed;

// WaveSpeed's wire shapes (snake_case via ProvidersJsonContext).

/// <summary><c>{ "code": 200, "message": "success", "data": {...} }</c>.</summary>
internal sealed record WaveSpeedEnvelope
{
    public int? Code { get; init; }
    public string? Message { get; init; }
    public JsonNode? Data { get; init; }
}

internal sealed record WaveSpeedPredictionWire
{
    public string? Id { get; init; }
    public string? Model { get; init; }
    public string? Status { get; init; }
    public List<string>? Outputs { get; init; }
    public WaveSpeedUrlsWire? Urls { get; init; }
    public JsonNode? Error { get; init; }
}

internal sealed record WaveSpeedUrlsWire
{
    public string? Get { get; init; }
}
