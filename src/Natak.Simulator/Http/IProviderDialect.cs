using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>How one provider authenticates and shapes its errors.</summary>
internal interface IProviderDialect
{
    SimulatorProvider Provider { get; }

    /// <summary>The Authorization scheme (<c>Key</c> for fal, <c>Bearer</c> otherwise).</summary>
    string AuthScheme { get; }

    ErrorResponse Unauthorized();

    /// <summary>The answer an injected HTTP status fault gives.</summary>
    ErrorResponse ForStatus(int status);
}

/// <summary>The submit-side vocabulary of a provider with a job queue.</summary>
internal interface IQueueDialect : IProviderDialect
{
    /// <summary>The submit query parameter that carries the webhook URL.</summary>
    string WebhookParameter { get; }

    ErrorResponse UnknownModel(string modelId);

    ErrorResponse InvalidBody(string error);

    ErrorResponse InvalidWebhook();

    /// <summary>The answer to an input that did not pass, or null to accept it (with <see cref="PreparedInput.Blocked"/> the job then fails).</summary>
    ErrorResponse? Reject(PreparedInput prepared);

    string NewJobId();
}

internal sealed record ErrorResponse(int Status, JsonNode Body, IReadOnlyDictionary<string, string>? Headers = null);
