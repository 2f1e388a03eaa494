namespace Natak.Tables.Jobs;

/// <summary>One page of a user's jobs, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record JobPage(IReadOnlyList<JobRecord> Items, string? NextCursor);
