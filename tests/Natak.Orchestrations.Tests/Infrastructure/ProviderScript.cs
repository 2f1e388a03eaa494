using Natak.Orchestrations.Pipelines;

namespace Natak.Orchestrations.Tests.Infrastructure;

/// <summary>
/// What a fake provider does with one submitted request: refuse it at submit, or accept it and answer status polls
/// "pending" <see cref="PendingPolls"/> times, then <see cref="Outcome"/>. After the request is cancelled, a
/// <see cref="Cancellable"/> provider reports it failed (stopped) on the next poll; one that cannot cancel
/// (WaveSpeed) keeps it pending — unless <see cref="FinishesWhenCancelled"/>: it delivered just as it was cancelled.
/// </summary>
internal sealed record ProviderScript
{
    public StepFailure? SubmitFailure { get; init; }

    public int PendingPolls { get; init; }

    /// <summary>The final answer: <c>null</c> = delivered; otherwise why it failed.</summary>
    public StepFailure? Outcome { get; init; }

    public bool Cancellable { get; init; } = true;

    public bool FinishesWhenCancelled { get; init; }

    public static ProviderScript Delivers { get; } = new();

    /// <summary>Runs until cancelled (no webhook, every poll pending).</summary>
    public static ProviderScript Hangs { get; } = new() { PendingPolls = int.MaxValue };

    public static ProviderScript Refuses(StepFailure failure) => new() { SubmitFailure = failure };

    public static ProviderScript FailsAfterAccepting(StepFailure failure) => new() { Outcome = failure };

    /// <summary>The provider is busy: it refused the request, creating nothing (sent again after a back-off; another provider may take it).</summary>
    public static StepFailure Throttled { get; } = new("rate_limited", "fal: too many requests", Transient: true) { Refused = true };

    /// <summary>The provider's runner crashed (transient).</summary>
    public static StepFailure Crashed { get; } = new("provider_failed", "fal: the runner crashed", Transient: true);

    /// <summary>The provider refused the content (permanent: another provider would refuse it too).</summary>
    public static StepFailure Refused { get; } = new("content_policy_violation", "fal: the content was flagged");

    /// <summary>The submit's connection dropped after it was sent: the provider may be generating.</summary>
    public static StepFailure Ambiguous { get; } = new("ambiguous_submit", "fal: the connection dropped after the request was sent");
}
