using Natak.Core.Jobs;

namespace Natak.Orchestrations.Jobs;

/// <summary>What the ledger holds for an ended job, and the job that got its admission slot (to be woken), if one waited.</summary>
public sealed record SettledJob(JobCredits Credits, string? NextJobId);
