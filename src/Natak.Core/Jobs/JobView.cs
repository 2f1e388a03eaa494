using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Natak.Core.Jobs;

/// <summary>
/// The job resource of the HTTP API (api.md "Job resource"). <c>result</c> and <c>error</c> are always present,
/// <c>null</c> until there is one, as the contract shows them.
/// </summary>
public sealed record JobView(
    string JobId,
    JobKind Kind,
    JobStatus Status,
    JobProgress? Progress,
    JobCredits Credits,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonObject? Result,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JobError? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
