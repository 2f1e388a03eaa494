using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>How a job ended.</summary>
internal sealed record JobOutcome
{
    public required FailureKind Failure { get; init; }

    public IReadOnlyList<GeneratedFile> Files { get; init; } = [];

    /// <summary>fal's output JSON (fal jobs that succeeded).</summary>
    public JsonObject? FalOutput { get; init; }

    /// <summary>The HTTP status the fal result endpoint answers.</summary>
    public int StatusCode { get; init; } = 200;

    public string? ErrorType { get; init; }

    public string? Message { get; init; }

    public TimeSpan Inference { get; init; }

    /// <summary>Failed because the caller's <c>X-Fal-Request-Timeout</c> passed before processing started (never retry).</summary>
    public bool UserTimeout { get; init; }

    public bool Succeeded => Failure == FailureKind.None;

    public static JobOutcome Cancelled() => new()
    {
        Failure = FailureKind.Cancelled,
        StatusCode = 499,
        ErrorType = "client_cancelled",
        Message = "The request was cancelled by the client.",
    };

    public static JobOutcome From(FaultRule fault) => fault.Kind == FaultKind.Failed
        ? new()
        {
            Failure = FailureKind.Request,
            StatusCode = fault.StatusCode ?? 503,
            ErrorType = fault.ErrorType ?? "runner_disconnected",
            Message = "The runner disconnected unexpectedly during processing (simulated).",
        }
        : new()
        {
            Failure = FailureKind.Model,
            StatusCode = fault.StatusCode ?? 500,
            ErrorType = fault.ErrorType ?? "internal_server_error",
            Message = "The model failed to process the request (simulated).",
        };

    public static JobOutcome ContentBlocked() => new()
    {
        Failure = FailureKind.Model,
        StatusCode = 422,
        ErrorType = "content_policy_violation",
        Message = "The content could not be processed because it contained material flagged by a content checker.",
    };

    public static JobOutcome StartTimeout() => new()
    {
        Failure = FailureKind.Request,
        StatusCode = 504,
        ErrorType = "request_timeout",
        Message = "The request did not start processing within its X-Fal-Request-Timeout.",
        UserTimeout = true,
    };

    public static JobOutcome Crashed() => new()
    {
        Failure = FailureKind.Request,
        StatusCode = 500,
        ErrorType = "internal_error",
        Message = "An unexpected internal error occurred.",
    };
}

internal enum FailureKind
{
    None,

    /// <summary>The model answered with an error (fal: <c>detail</c> is a list of typed errors).</summary>
    Model,

    /// <summary>The platform failed (fal: <c>detail</c> is a string, plus <c>error_type</c>).</summary>
    Request,

    Cancelled,
}
