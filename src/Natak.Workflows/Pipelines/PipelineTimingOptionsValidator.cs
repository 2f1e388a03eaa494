using Microsoft.Extensions.Options;
using Natak.Core.Pricing;

namespace Natak.Workflows.Pipelines;

/// <summary>
/// Every wait must poll at a positive interval that does not shrink, and end; a per-model override must name a
/// catalogue model (a misspelt key would otherwise be ignored in silence) and still be a valid wait once applied.
/// </summary>
internal sealed class PipelineTimingOptionsValidator(PricingCatalog catalog) : IValidateOptions<PipelineTimingOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineTimingOptions options)
    {
        var failures = new List<string>();
        Check(failures, nameof(options.Image), options.Image);
        Check(failures, nameof(options.Video), options.Video);
        Check(failures, nameof(options.Training), options.Training);
        if (options.MaxParallelOutputs < 1)
        {
            failures.Add($"{PipelineTimingOptions.SectionName}:MaxParallelOutputs must be at least 1.");
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
            Check(failures, "Models:" + key, wait.ApplyTo(kind));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string name, StepWait wait)
    {
        var path = $"{PipelineTimingOptions.SectionName}:{name}";
        if (wait.FirstPoll < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{path}:FirstPoll must be at least 1 second (durable timers have whole-second resolution).");
        }

        if (wait.MaxPoll < wait.FirstPoll)
        {
            failures.Add($"{path}:MaxPoll must not be shorter than FirstPoll.");
        }

        if (wait.Deadline < wait.FirstPoll)
        {
            failures.Add($"{path}:Deadline must not be shorter than FirstPoll.");
        }
    }
}
