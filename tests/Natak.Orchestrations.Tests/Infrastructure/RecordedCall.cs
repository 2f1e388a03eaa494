namespace Natak.Orchestrations.Tests.Infrastructure;

/// <summary>One activity call a fake received, in the order they arrived across the whole test host.</summary>
/// <param name="Seq">Arrival order (global).</param>
/// <param name="Activity">The real activity name the fake stands in for.</param>
/// <param name="StepKey">The job step it was for, when the input names one.</param>
/// <param name="Provider">The provider asked (provider activities).</param>
/// <param name="RequestId">The provider request it concerns (poll, cancel, collect; a submit's new request).</param>
/// <param name="Input">The activity's input as the orchestration sent it.</param>
/// <param name="Answer">What a poll answered (<c>Pending</c>, <c>Succeeded</c>, <c>Failed</c>), when it matters.</param>
/// <param name="At">When it arrived.</param>
internal sealed record RecordedCall(long Seq, string Activity, string? StepKey, string? Provider, string? RequestId, object? Input, string? Answer, DateTimeOffset At);
