using Natak.Core.Jobs;

namespace Natak.Tables.Jobs;

/// <summary>
/// A job as the index knows it: who owns it, what it is, when it was created, and its last known status.
/// Live status, progress and results come from the orchestration; this record decides ownership and listing.
/// </summary>
public sealed record JobRecord(
    string UserId,
    string JobId,
    JobKind Kind,
    JobStatus Status,
    string RequestHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
