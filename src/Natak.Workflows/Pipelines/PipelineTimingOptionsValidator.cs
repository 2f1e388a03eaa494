using System.Globalization;
using Microsoft.Extensions.Options;

namespace Natak.Workflows.Pipelines;

/// <summary>
/// Start-up checks of <c>Pipelines:Timings</c>: durable timers on Azure Storage have whole-second resolution, so a
/// poll interval under a second would poll in a tight loop; a deadline must leave room for at least one poll.
/// </summary>
internal sealed class PipelineTimingOptionsValidator : IValidateOptions<PipelineTimingOptions>
{
    /// <summary>Presigned input URLs last the deadline plus an hour and can last at most 7 days.</summary>
    private static readonly TimeSpan MaxDeadline = TimeSpan.FromDays(6);

    public ValidateOptionsResult Validate(string? name, PipelineTimingOptions options)
    {
        var failures = new List<string>();
        Check(nameof(options.Image), options.Image, failures);
        Check(nameof(options.Video), options.Video, failures);
        Check(nameof(options.Training), options.Training, failures);
        if (options.MaxParallelOutputs is < 1 or > 64)
        {
            failures.Add(Invariant($"{PipelineTimingOptions.SectionName}:MaxParallelOutputs must be 1–64 (got {options.MaxParallelOutputs})."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string kind, StepWait? wait, List<string> failures)
    {
        var section = $"{PipelineTimingOptions.SectionName}:{kind}";
        if (wait is null)
        {
            failures.Add($"{section} is missing.");
            return;
        }

        if (wait.FirstPoll < TimeSpan.FromSeconds(1))
        {
            failures.Add(Invariant($"{section}:FirstPoll must be at least 1 second (durable timers have whole-second resolution; got {wait.FirstPoll})."));
        }

        if (wait.MaxPoll < wait.FirstPoll)
        {
            failures.Add(Invariant($"{section}:MaxPoll must not be shorter than FirstPoll (got {wait.MaxPoll} < {wait.FirstPoll})."));
        }

        if (wait.Deadline <= wait.FirstPoll || wait.Deadline > MaxDeadline)
        {
            failures.Add(Invariant($"{section}:Deadline must be longer than FirstPoll and at most {MaxDeadline.TotalDays} days (got {wait.Deadline})."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
