namespace Natak.Orchestrations.Canary;

/// <summary>What the canary saw: what each durable feature it exercised gave back.</summary>
public sealed record CanaryResult(bool TimerFired, string EventPayload, int FanOutSum, string ChildEcho)
{
    /// <summary>
    /// Whether every feature worked: the timer fired, the event raised with <paramref name="payload"/> arrived, the
    /// fan-out of <see cref="CanaryInput.FanOut"/> echoes summed to 1 + … + n, and the sub-orchestration echoed.
    /// </summary>
    public bool Proves(CanaryInput input, string payload)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TimerFired && EventPayload == payload && FanOutSum == input.FanOut * (input.FanOut + 1) / 2
            && ChildEcho == CanaryChildOrchestrator.Echo(payload, 0);
    }
}
