using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>xAI's flat error body <c>{"code": "...", "error": "..."}</c> (codes are gRPC status phrases; UNCONFIRMED per status).</summary>
internal sealed class XaiDialect : IProviderDialect
{
    public static readonly XaiDialect Instance = new();

    public SimulatorProvider Provider => SimulatorProvider.Xai;

    public string AuthScheme => "Bearer";

    public static ErrorResponse Error(int status, string code, string message) => new(status, new JsonObject { ["code"] = code, ["error"] = message });

    public ErrorResponse Unauthorized() => Error(401, "Unauthenticated", "No valid API key provided. Use 'Authorization: Bearer <key>'.");

    public ErrorResponse ForStatus(int status) => status switch
    {
        429 => Error(status, "Some resource has been exhausted", "Too many requests (simulated)."),
        502 => Error(status, "Bad gateway", "Bad gateway (simulated)."),
        503 => Error(status, "The service is currently unavailable", "Service unavailable (simulated)."),
        504 => Error(status, "Deadline expired before operation could complete", "Gateway timeout (simulated)."),
        _ => Error(status, "Internal error", "Internal server error (simulated)."),
    };
}
