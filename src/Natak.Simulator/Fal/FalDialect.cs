using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>fal's auth scheme and error vocabulary.</summary>
internal sealed class FalDialect : IQueueDialect
{
    public static readonly FalDialect Instance = new();

    public SimulatorProvider Provider => SimulatorProvider.Fal;

    public string AuthScheme => "Key";

    public string WebhookParameter => "fal_webhook";

    /// <summary>UNCONFIRMED body: fal's exact 401 text is not documented.</summary>
    public ErrorResponse Unauthorized() =>
        new(401, new JsonObject { ["detail"] = "Missing or invalid credentials: use the header 'Authorization: Key <FAL_KEY>'." });

    public ErrorResponse ForStatus(int status) => status switch
    {
        429 => FalBodies.RequestError(status, "Too many requests (simulated).", "rate_limited"),
        502 => FalBodies.RequestError(status, "The runner sent an incomplete response (simulated).", "runner_incomplete_response"),
        503 => FalBodies.RequestError(status, "No runner could be allocated to handle the request (simulated).", "runner_scheduling_failure"),
        504 => FalBodies.RequestError(status, "Request timed out (simulated).", "request_timeout"),
        _ => FalBodies.RequestError(status, "An unexpected internal error occurred (simulated).", "internal_error"),
    };

    /// <summary>UNCONFIRMED body for an unknown application/endpoint.</summary>
    public ErrorResponse UnknownModel(string modelId) =>
        new(404, new JsonObject { ["detail"] = $"Application '{FalIds.OwnerApp(modelId)}' or endpoint '{modelId}' not found." });

    public ErrorResponse InvalidBody(string error) =>
        new(422, FalBodies.Validation([new ValidationIssue([], $"Input should be a valid dictionary: {error}", "dict_type")]), FalBodies.NotRetryable());

    public ErrorResponse InvalidWebhook() => new(400, new JsonObject { ["detail"] = "fal_webhook must be an absolute http(s) URL." });

    public ErrorResponse? Reject(PreparedInput prepared)
    {
        if (prepared.Blocked)
        {
            return new(422, FalBodies.ContentPolicy(), FalBodies.NotRetryable());
        }

        return prepared.Issues.Count > 0 ? new(422, FalBodies.Validation(prepared.Issues), FalBodies.NotRetryable()) : null;
    }

    public string NewJobId() => Guid.NewGuid().ToString();
}
