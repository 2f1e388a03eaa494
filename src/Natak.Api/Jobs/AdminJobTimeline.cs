using Natak.Api.Money;
using Natak.Core.Jobs;

namespace Natak.Api.Jobs;

/// <summary>
/// <c>GET /api/admin/jobs/{jobId}</c>: everything known of one job — its owner, the job as its owner sees it, each
/// step with its provider, request and cost, what it cost in all, its credit journal, and its orchestration while the
/// durable history still holds it.
/// </summary>
/// <param name="UserId">The owner.</param>
/// <param name="Job">The job as <c>GET /api/jobs/{jobId}</c> shows it to its owner.</param>
/// <param name="Steps">Every step that started or was paid for, in the order they started.</param>
/// <param name="CostUsd">What the providers charged for the job, exactly.</param>
/// <param name="CreditsCharged">Credits captured for the job's delivered outputs.</param>
/// <param name="Ledger">The job's journal rows: hold, capture, release, expire.</param>
/// <param name="Orchestration">The orchestration instance, or null once its history was purged.</param>
public sealed record AdminJobTimeline(
    string UserId,
    JobView Job,
    IReadOnlyList<AdminJobStep> Steps,
    decimal CostUsd,
    long CreditsCharged,
    IReadOnlyList<JournalEntryView> Ledger,
    AdminJobOrchestration? Orchestration);

/// <summary>One step of a job for the admin timeline: where it ran, how it went, what it measured and cost.</summary>
public sealed record AdminJobStep(string Key)
{
    public string? State { get; init; }

    public string? Label { get; init; }

    public string? Provider { get; init; }

    public string? Model { get; init; }

    public string? RequestId { get; init; }

    public int? Attempts { get; init; }

    public string? FailedOverFrom { get; init; }

    /// <summary><c>webhook</c> or <c>poll</c>: how the end of the provider's work was learnt.</summary>
    public string? Via { get; init; }

    public string? WaitingFor { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the step was done or failed.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    public double? DurationSeconds { get; init; }

    /// <summary>What the provider billed: how many <see cref="Unit"/>s.</summary>
    public decimal? Units { get; init; }

    public string? Unit { get; init; }

    public decimal? CostUsd { get; init; }
}

/// <summary>The orchestration instance behind a job, as the durable backend reports it.</summary>
public sealed record AdminJobOrchestration(string RuntimeStatus, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt);
