using System.Text.Json.Serialization;

namespace Natak.Core.Jobs;

/// <summary>The lifecycle of a job as clients see it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobStatus>))]
public enum JobStatus
{
    [JsonStringEnumMemberName("queued")]
    Queued,

    [JsonStringEnumMemberName("running")]
    Running,

    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}

public static class JobStatusExtensions
{
    public static bool IsTerminal(this JobStatus status) =>
        status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled;

    public static string ToWire(this JobStatus status) => WireNames<JobStatus>.Of(status);

    public static bool TryParseWire(string? value, out JobStatus status) => WireNames<JobStatus>.TryParse(value, out status);
}
