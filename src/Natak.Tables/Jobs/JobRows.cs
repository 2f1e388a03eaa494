using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Natak.Core.Jobs;

namespace Natak.Tables.Jobs;

/// <summary>
/// How a job is laid out in table properties. One property per fact, one per step (<c>S_{step key}</c>) and one per
/// delivered output (<c>O_{index}</c>), so a change is a merge of the properties it touches and concurrent changes
/// of different steps or outputs never overwrite each other. The same properties form the job's rows and its change
/// events; folding the events in order gives the row.
/// </summary>
internal static class JobRows
{
    private const string StepPrefix = "S_";
    private const string OutputPrefix = "O_";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Dictionary<string, object> Properties(JobRecord job)
    {
        var properties = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["JobId"] = job.JobId,
            ["Kind"] = job.Kind.ToWire(),
            ["Status"] = job.Status.ToWire(),
            ["RequestHash"] = job.RequestHash,
            ["CreatedUtc"] = job.CreatedAt.UtcDateTime,
            ["UpdatedUtc"] = job.UpdatedAt.UtcDateTime,
            ["TotalSteps"] = job.TotalSteps,
            ["OutputCount"] = job.OutputCount,
            ["CreditsPerOutput"] = job.CreditsPerOutput,
        };
        if (job.WaitingFor is { } waiting)
        {
            properties["WaitingFor"] = waiting;
        }

        if (job.QueueTicket is { } ticket)
        {
            properties["QueueTicket"] = ticket;
        }

        AddCredits(properties, job.Credits);
        return properties;
    }

    public static Dictionary<string, object> Properties(JobChange change)
    {
        var properties = new Dictionary<string, object>(StringComparer.Ordinal) { ["UpdatedUtc"] = change.At.UtcDateTime };
        if (change.Status is { } status)
        {
            properties["Status"] = status.ToWire();
        }

        if (change.Credits is { } credits)
        {
            AddCredits(properties, credits);
        }

        if (change.Error is { } error)
        {
            properties["ErrorCode"] = error.Code;
            properties["ErrorMessage"] = error.Message;
        }

        if (change.ResultJson is { } result)
        {
            properties["Result"] = result;
        }

        foreach (var step in change.Steps)
        {
            properties[StepProperty(step.Key)] = JsonSerializer.Serialize(step, Json);
        }

        if (change.WaitingFor is { } waiting)
        {
            properties["WaitingFor"] = waiting;
        }

        if (change.QueueTicket is { } ticket)
        {
            properties["QueueTicket"] = ticket;
        }

        if (change.Output is { } output)
        {
            properties[OutputPrefix + output.Index.ToString(CultureInfo.InvariantCulture)] = output.Json;
        }

        return properties;
    }

    public static JobRecord Read(string partitionKey, IReadOnlyDictionary<string, object> p)
    {
        if (!JobKindExtensions.TryParseWire(p.GetValueOrDefault("Kind") as string, out var kind)
            || !JobStatusExtensions.TryParseWire(p.GetValueOrDefault("Status") as string, out var status))
        {
            throw new InvalidDataException($"Jobs row in {partitionKey} has an unknown kind or status.");
        }

        var steps = new List<JobStepState>();
        var outputs = new SortedDictionary<int, string>();
        foreach (var (name, value) in p)
        {
            if (name.StartsWith(StepPrefix, StringComparison.Ordinal) && value is string stepJson)
            {
                steps.Add(JsonSerializer.Deserialize<JobStepState>(stepJson, Json)!);
            }
            else if (name.StartsWith(OutputPrefix, StringComparison.Ordinal) && value is string outputJson
                     && int.TryParse(name.AsSpan(OutputPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                outputs[index] = outputJson;
            }
        }

        var created = Time(p, "CreatedUtc");
        var updated = steps.Select(s => s.At).Append(Time(p, "UpdatedUtc")).Max();
        return new JobRecord(partitionKey[2..], (string)p["JobId"], kind, status, p.GetValueOrDefault("RequestHash") as string ?? string.Empty, created, updated)
        {
            TotalSteps = p.GetValueOrDefault("TotalSteps") as int? ?? 0,
            OutputCount = p.GetValueOrDefault("OutputCount") as int? ?? 1,
            Credits = new JobCredits(Long(p, "CreditsReserved"), Long(p, "CreditsCharged"), Long(p, "CreditsRefunded")),
            CreditsPerOutput = Long(p, "CreditsPerOutput"),
            WaitingFor = p.GetValueOrDefault("WaitingFor") is string { Length: > 0 } waiting ? waiting : null,
            QueueTicket = p.GetValueOrDefault("QueueTicket") switch { long l => l, int i => i, _ => null },
            Error = p.GetValueOrDefault("ErrorCode") is string code ? new JobError(code, p.GetValueOrDefault("ErrorMessage") as string ?? string.Empty) : null,
            ResultJson = p.GetValueOrDefault("Result") as string,
            Steps = [.. steps.OrderBy(s => s.At)],
            Outputs = outputs,
        };
    }

    /// <summary>A step key as a property name: letters, digits and underscores only (<c>generate-3</c> → <c>S_generate_3</c>).</summary>
    public static string StepProperty(string stepKey)
    {
        var name = new StringBuilder(StepPrefix, StepPrefix.Length + stepKey.Length);
        foreach (var c in stepKey)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return name.ToString();
    }

    private static void AddCredits(Dictionary<string, object> properties, JobCredits credits)
    {
        properties["CreditsReserved"] = credits.Reserved;
        properties["CreditsCharged"] = credits.Charged;
        properties["CreditsRefunded"] = credits.Refunded;
    }

    private static long Long(IReadOnlyDictionary<string, object> p, string name) => p.GetValueOrDefault(name) switch
    {
        long l => l,
        int i => i,
        _ => 0,
    };

    private static DateTimeOffset Time(IReadOnlyDictionary<string, object> p, string name) => p.GetValueOrDefault(name) switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        _ => DateTimeOffset.MinValue,
    };
}
