using Natak.Core.Pricing;

namespace Natak.Workflows.Pipelines;

/// <summary>
/// Waiting per kind of provider step (section <c>Pipelines:Timings</c>). Images take seconds, videos minutes,
/// LoRA training 3–10 minutes: polling intervals and deadlines follow that, and the webhook usually ends the
/// wait long before the first poll.
/// </summary>
public sealed class PipelineTimingOptions
{
    public const string SectionName = "Pipelines:Timings";

    public StepWait Image { get; set; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(10));

    public StepWait Video { get; set; } = new(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(30));

    public StepWait Training { get; set; } = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromMinutes(30));

    /// <summary>How many outputs of a batch run at once (each output is its own chain of provider calls).</summary>
    public int MaxParallelOutputs { get; set; } = 8;

    public StepWait For(string stepName) => stepName switch
    {
        PlanStepNames.Train => Training,
        PlanStepNames.Video or PlanStepNames.Animate => Video,
        _ => Image,
    };
}
