namespace Natak.Simulator;

/// <summary>
/// A misbehaviour to inject into matching provider calls. A rule matches a call when the provider is the same,
/// <see cref="Model"/> matches the call's model id (see there), <see cref="Operation"/> is null or equal, and
/// <see cref="Kind"/> applies to that operation. Add it with <see cref="SimulatorControl.AddFault"/> or
/// <c>POST /_sim/faults</c>.
/// </summary>
public sealed record FaultRule
{
    /// <summary>Assigned by the simulator when the rule is added.</summary>
    public string? Id { get; init; }

    /// <summary>The provider whose calls the rule affects.</summary>
    public required SimulatorProvider Provider { get; init; }

    /// <summary>
    /// null for every model; otherwise the exact model id, a prefix at a path boundary
    /// (<c>fal-ai/z-image</c> matches <c>fal-ai/z-image/turbo/lora</c>), or any prefix ending in <c>*</c>.
    /// </summary>
    public string? Model { get; init; }

    /// <summary>null for every operation the kind applies to.</summary>
    public SimulatorOperation? Operation { get; init; }

    /// <summary>What happens.</summary>
    public required FaultKind Kind { get; init; }

    /// <summary>Apply to the next N matching calls only, then retire the rule; null for no limit.</summary>
    public int? Times { get; init; }

    /// <summary>Apply with this probability (0–1) on each matching call, from the simulator's seeded random source; null for always.</summary>
    public double? Probability { get; init; }

    /// <summary>How long a <see cref="FaultKind.Hang"/> holds the connection or a <see cref="FaultKind.DelayWebhook"/> waits.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>The result's HTTP status for <see cref="FaultKind.CompletedWithError"/> (default 500; 422 is the other common one).</summary>
    public int? StatusCode { get; init; }

    /// <summary>The error type reported for <see cref="FaultKind.CompletedWithError"/> or <see cref="FaultKind.Failed"/> (defaults: internal_server_error, runner_disconnected).</summary>
    public string? ErrorType { get; init; }
}
