using System.Text.Json.Serialization;

namespace Natak.Tables.Jobs;

/// <summary>
/// Where one step of a job stands, as the job's row keeps it: <see cref="State"/> is <c>running</c>, <c>waiting</c>
/// (held back by a provider's limit, by storage, or by the queue — <see cref="WaitingFor"/> says which),
/// <c>done</c> or <c>failed</c>; <see cref="Label"/> is what a person reads ("Generating image 3 of 8").
/// </summary>
public sealed record JobStepState
{
    public required string Key { get; init; }

    public required string State { get; init; }

    public required string Label { get; init; }

    /// <summary>When the step reached this state.</summary>
    public required DateTimeOffset At { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WaitingFor { get; init; }

    /// <summary>The provider's queue position, when it reports one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? QueuePosition { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Provider { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Model { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestId { get; init; }

    /// <summary>Submits made for the step so far (refused ones included).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Attempts { get; init; }

    /// <summary>
    /// The request the provider accepted for this attempt, as the submit activity saw it (JSON, the provider's own URLs,
    /// no secrets): a submit run again after a crash finds it here and does not send — and pay for — the step twice.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Handle { get; init; }

    /// <summary>The provider an earlier attempt failed at, when the step failed over to <see cref="Provider"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FailedOverFrom { get; init; }

    /// <summary>How the end of the provider's work was learnt: <c>webhook</c> or <c>poll</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Via { get; init; }

    /// <summary>When the step started (the first submit), so durations can be told.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? StartedAt { get; init; }

    public const string Running = "running";
    public const string Waiting = "waiting";
    public const string Done = "done";
    public const string Failed = "failed";
}
