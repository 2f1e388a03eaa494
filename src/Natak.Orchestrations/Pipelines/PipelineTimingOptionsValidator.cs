using System.Globalization;
using Microsoft.Extensions.Options;
using Natak.Core.Pricing;

namespace Natak.Orchestrations.Pipelines;

/// <summary>
/// Start-up checks of <c>Pipelines:Timings</c>: durable timers on Azure Storage have whole-second resolution, so a
/// poll interval under a second would poll in a tight loop; intervals must not shrink; a deadline must leave room
/// for a poll and stay within the 7-day life of presigned input URLs. A per-model override must name a catalogue
/// model (a misspelt key would otherwise be ignored in silence) and still be a valid wait once applied.
/// </summary>
internal sealed class PipelineTimingOptionsValidator(PricingCatalog catalog) : IValidateOptions<PipelineTimingOptions>
{
    /// <summary>Presigned input URLs last the deadline plus an hour and can last at most 7 days.</summary>
    private static readonly TimeSpan MaxDeadline = TimeSpan.FromDays(6);

    public ValidateOptionsResult Validate(string? name, PipelineTimingOptions options)
    {
        var failures = new List<string>();
        Check(failures, nameof(options.Image), options.Image);
        Check(failures, nameof(options.Video), options.Video);
        Check(failures, nameof(options.Training), options.Training);
        if (options.MaxParallelOutputs is < 1 or > 64)
        {
            failures.Add(Invariant($"{PipelineTimingOptions.SectionName}:MaxParallelOutputs must be 1–64 (got {options.MaxParallelOutputs})."));
        }

        if (options.SubmitRetryWindow < TimeSpan.Zero || options.SubmitRetryWindow > TimeSpan.FromHours(1))
        {
            failures.Add(Invariant($"{PipelineTimingOptions.SectionName}:SubmitRetryWindow must be between 0 and 1 hour (got {options.SubmitRetryWindow})."));
        }

        if (options.StorageRetryWindow < TimeSpan.Zero || options.StorageRetryWindow > TimeSpan.FromDays(2))
        {
            failures.Add(Invariant($"{PipelineTimingOptions.SectionName}:StorageRetryWindow must be between 0 and 2 days (got {options.StorageRetryWindow})."));
        }

        var models = catalog.Models.Values.ToDictionary(m => PipelineTimingOptions.ModelMatchKey(m.Key), StringComparer.Ordinal);
        foreach (var same in options.Models.Keys.GroupBy(PipelineTimingOptions.ModelMatchKey, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            failures.Add($"{PipelineTimingOptions.SectionName}:Models: {string.Join(" and ", same)} name the same model; keep one.");
        }

        foreach (var (key, wait) in options.Models)
        {
            if (!models.TryGetValue(PipelineTimingOptions.ModelMatchKey(key), out var model))
            {
                failures.Add($"{PipelineTimingOptions.SectionName}:Models:{key} names no catalogue model.");
                continue;
            }

            var kind = model.Kind == ModelKind.Video ? options.Video : model.Kind == ModelKind.Training ? options.Training : options.Image;
            if (kind is not null)
            {
                Check(failures, "Models:" + key, wait.ApplyTo(kind));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string name, StepWait? wait)
    {
        var section = $"{PipelineTimingOptions.SectionName}:{name}";
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
