using System.Globalization;
using Natak.Core.Pricing;

namespace Natak.Orchestrations.Pipelines.Progress;

/// <summary>
/// What a person reads while a step runs and once it is done: "Generating image 3 of 8", "Training your character",
/// "Upscaling image 2 of 4". Chosen from what the step is (its kind, its model's kind, the part of the result it makes,
/// its endpoint variant), never from its name. Pure: runs inside the orchestration.
/// </summary>
internal static class ProgressLabels
{
    /// <summary>The label of a step while it runs.</summary>
    /// <param name="step">The step.</param>
    /// <param name="outputIndex">The output it belongs to (from 0), or null for a shared step.</param>
    /// <param name="outputCount">How many outputs the job makes.</param>
    /// <param name="sameSteps">For a shared step: its place and the number of shared steps of the same model and result part (the 4 reference images).</param>
    public static string Running(PipelineStepSpec step, int? outputIndex, int outputCount, (int Index, int Count) sameSteps) => step.Kind switch
    {
        StepKind.Prompt => "Writing the prompt",
        StepKind.PackagePhotos => "Packaging your photos",
        StepKind.Accounting => "Finishing up",
        _ => Provider(step, Of(outputIndex, outputCount), sameSteps),
    };

    /// <summary>The label once a step is done; <paramref name="final"/>: its file is the output.</summary>
    public static string Done(PipelineStepSpec step, int? outputIndex, int outputCount, (int Index, int Count) sameSteps, bool final) => step.Kind switch
    {
        StepKind.Prompt => "Prompt written",
        StepKind.PackagePhotos => "Photos packaged",
        StepKind.Accounting => "Finishing up",
        _ => step.Result switch
        {
            ResultPart.CharacterLora => "Character trained",
            ResultPart.CharacterReference => Numbered("Reference image", sameSteps) + " is ready",
            ResultPart.StartFrame => "Start frame ready",
            _ when final && step.ModelKind == ModelKind.Video => "Your video is ready",
            _ when final => outputCount > 1 && outputIndex is { } i ? $"Image {N(i + 1)} of {N(outputCount)} is ready" : "Your image is ready",
            _ => Provider(step, Of(outputIndex, outputCount), sameSteps) + ": done",
        },
    };

    private static string Provider(PipelineStepSpec step, string of, (int Index, int Count) sameSteps)
    {
        if (step.Result == ResultPart.CharacterReference)
        {
            return "Creating " + Numbered("reference image", sameSteps);
        }

        if (step.Result == ResultPart.StartFrame)
        {
            return step.ModelKind == ModelKind.Refine ? "Preparing the start frame" : "Creating the start frame";
        }

        return step.ModelKind switch
        {
            ModelKind.Training => "Training your character",
            ModelKind.Image => of.Length == 0 ? "Generating the image" : "Generating image" + of,
            ModelKind.Pose => "Reading the pose",
            ModelKind.Depth => "Reading the depth",
            ModelKind.Segment => "Finding the clothes" + In(of),
            ModelKind.Inpaint => "Changing the outfit" + In(of),
            ModelKind.Refine => "Refining" + (of.Length == 0 ? " the image" : " image" + of),
            ModelKind.Upscale => "Upscaling" + (of.Length == 0 ? " the image" : " image" + of),
            ModelKind.ExtractFrame => "Taking a frame from your video",
            ModelKind.Video when step.Variant == EndpointVariants.Animate => "Animating",
            ModelKind.Video => "Generating the video",
            _ => "Working",
        };
    }

    /// <summary><c> 3 of 8</c> for output 3 of a batch of 8; empty for a single output or a shared step.</summary>
    private static string Of(int? outputIndex, int outputCount) =>
        outputIndex is { } i && outputCount > 1 ? $" {N(i + 1)} of {N(outputCount)}" : string.Empty;

    private static string In(string of) => of.Length == 0 ? string.Empty : " in image" + of;

    private static string Numbered(string what, (int Index, int Count) same) =>
        same.Count > 1 ? $"{what} {N(same.Index + 1)} of {N(same.Count)}" : what;

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
