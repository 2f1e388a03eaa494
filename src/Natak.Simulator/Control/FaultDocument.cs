namespace Natak.Simulator;

/// <summary>The JSON of a fault rule on <c>/_sim/faults</c> (delays in milliseconds).</summary>
internal sealed record FaultDocument
{
    public string? Id { get; init; }

    public SimulatorProvider? Provider { get; init; }

    public string? Model { get; init; }

    public SimulatorOperation? Operation { get; init; }

    public FaultKind? Kind { get; init; }

    public int? Times { get; init; }

    public double? Probability { get; init; }

    public long? DelayMs { get; init; }

    public int? StatusCode { get; init; }

    public string? ErrorType { get; init; }

    /// <summary>Calls left before the rule retires (output only).</summary>
    public int? Remaining { get; init; }

    public static FaultDocument From(FaultRule rule, int? remaining) => new()
    {
        Id = rule.Id,
        Provider = rule.Provider,
        Model = rule.Model,
        Operation = rule.Operation,
        Kind = rule.Kind,
        Times = rule.Times,
        Probability = rule.Probability,
        DelayMs = rule.Delay is { } delay ? (long)delay.TotalMilliseconds : null,
        StatusCode = rule.StatusCode,
        ErrorType = rule.ErrorType,
        Remaining = remaining,
    };

    public FaultRule ToRule() => new()
    {
        Provider = Provider ?? throw new ArgumentException("provider is required (fal, wavespeed, xai or stripe)."),
        Model = Model,
        Operation = Operation,
        Kind = Kind ?? throw new ArgumentException("kind is required."),
        Times = Times,
        Probability = Probability,
        Delay = DelayMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        StatusCode = StatusCode,
        ErrorType = ErrorType,
    };
}
