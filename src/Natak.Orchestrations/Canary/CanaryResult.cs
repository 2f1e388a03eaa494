namespace Natak.Orchestrations.Canary;

/// <summary>What the canary saw: each durable feature it exercised and when it started and ended (orchestration time).</summary>
public sealed record CanaryResult(bool TimerFired, string EventPayload, int FanOutSum, string ChildEcho, DateTime StartedUtc, DateTime CompletedUtc);
