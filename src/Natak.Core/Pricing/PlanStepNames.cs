namespace Natak.Core.Pricing;

/// <summary>
/// The step names of a <see cref="PipelinePlan"/>: labels and ids. Step ids, progress, quote lines, webhook URLs and
/// idempotency keys (webhook events <c>webhook:{stepKey}</c>, spend rows) are made of them — a durable contract, never rename one.
/// Nothing dispatches on a name: a step's <see cref="PlanStep.Kind"/>, <see cref="PlanStep.ModelKind"/> and
/// <see cref="PlanStep.Result"/> say what it is. docs/pricing-catalogue.md lists each step's inputs.
/// </summary>
public static class PlanStepNames
{
    /// <summary>Expand an idea into a prompt (prompt model). Output: the prompt text.</summary>
    public const string Prompt = "prompt";

    /// <summary>Pose control map of <c>image</c>. Output: an image.</summary>
    public const string Pose = "pose";

    /// <summary>Depth control map of <c>image</c>. Output: an image.</summary>
    public const string Depth = "depth";

    /// <summary>Text-to-image, optionally with a character LoRA and a control image. Output: an image.</summary>
    public const string Generate = "generate";

    /// <summary>Segmentation mask of <c>segmentPrompt</c> in <c>image</c>. Output: a mask image.</summary>
    public const string Segment = "segment";

    /// <summary>Repaint the <c>mask</c> area of <c>image</c> per <c>prompt</c>. Output: an image.</summary>
    public const string Inpaint = "inpaint";

    /// <summary>Image-to-image refinement of <c>image</c> per <c>prompt</c>. Output: an image.</summary>
    public const string Refine = "refine";

    /// <summary>Upscale <c>image</c> by <c>upscaleFactor</c>. Output: an image.</summary>
    public const string Upscale = "upscale";

    /// <summary>Package the training photos (<c>imageUrls</c>) into one zip in R2, at $0. Output: the zip.</summary>
    public const string Package = "package";

    /// <summary>Train a LoRA on <c>imagesZip</c>. Output: the LoRA weights file (and its config).</summary>
    public const string Train = "train";

    /// <summary>A reference image of a character (the character's reference set, or a video's start frame). Output: an image.</summary>
    public const string Reference = "reference";

    /// <summary>Take one frame (<c>frameType</c>) of <c>video</c>. Output: an image.</summary>
    public const string ExtractFrame = "extract-frame";

    /// <summary>Animate <c>image</c> with the motion of <c>video</c>. Output: a video.</summary>
    public const string Animate = "animate";

    /// <summary>Image- or text-to-video. Output: a video.</summary>
    public const string Video = "video";

    /// <summary>Accounting only: a month of storage for what a character keeps in R2. No provider call.</summary>
    public const string Storage = "storage";
}
