using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>
/// WaveSpeed's auth scheme and error envelope. UNCONFIRMED: the real error bodies are not documented; the
/// simulator answers <c>{code, message, data:null}</c> with the HTTP status in <c>code</c>.
/// </summary>
internal sealed class WaveSpeedDialect : IQueueDialect
{
    public static readonly WaveSpeedDialect Instance = new();

    public SimulatorProvider Provider => SimulatorProvider.WaveSpeed;

    public string AuthScheme => "Bearer";

    public string WebhookParameter => "webhook";

    public static JsonObject Envelope(JsonNode? data) => new() { ["code"] = 200, ["message"] = "success", ["data"] = data };

    public static ErrorResponse Error(int status, string message) =>
        new(status, new JsonObject { ["code"] = status, ["message"] = message, ["data"] = null });

    public ErrorResponse Unauthorized() => Error(401, "Unauthorized: missing or invalid API key; use 'Authorization: Bearer <key>'.");

    public ErrorResponse ForStatus(int status) => status switch
    {
        429 => Error(429, "Too many requests: rate limit exceeded (simulated)."),
        502 => Error(502, "Bad gateway (simulated)."),
        503 => Error(503, "Service unavailable (simulated)."),
        504 => Error(504, "Gateway timeout (simulated)."),
        _ => Error(status, "Internal server error (simulated)."),
    };

    public ErrorResponse UnknownModel(string modelId) => Error(404, $"model not found: {modelId}");

    public ErrorResponse InvalidBody(string error) => Error(400, $"invalid request body: {error}");

    public ErrorResponse InvalidWebhook() => Error(400, "webhook must be an absolute http(s) URL.");

    /// <summary>Moderation is not a submit error here: a blocked prompt is accepted and the task fails.</summary>
    public ErrorResponse? Reject(PreparedInput prepared) => prepared.Issues.Count == 0
        ? null
        : Error(400, string.Join("; ", prepared.Issues.Select(i => $"{i.FieldPath}: {i.Msg}")));

    public string NewJobId() => Guid.NewGuid().ToString("N");
}
