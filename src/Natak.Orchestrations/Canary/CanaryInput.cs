namespace Natak.Orchestrations.Canary;

/// <summary>How long the canary's timer runs, how long it waits for its event, and how wide it fans out.</summary>
public sealed record CanaryInput(TimeSpan TimerDelay, TimeSpan EventTimeout, int FanOut)
{
    public static CanaryInput Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), 4);
}
