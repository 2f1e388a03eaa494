using System.Text.Json.Nodes;

namespace Natak.Core.Jobs;

/// <summary>The job resource of the HTTP API (api.md "Job resource").</summary>
public sealed record JobView(
    string JobId,
    JobKind Kind,
    JobStatus Status,
    JobProgress? Progress,
    JobCredits Credits,
    JsonObject? Result,
    JobError? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
