namespace Natak.Core.Pricing;

/// <summary>Catalogue section <c>pipeline</c>: which model serves each helper step of the pipelines.</summary>
public sealed record PipelineModels
{
    public required string Prompt { get; init; }

    public required string Training { get; init; }

    /// <summary>Generates character reference images and video start frames (needs a LoRA variant).</summary>
    public required string Reference { get; init; }

    public required string Pose { get; init; }

    public required string Depth { get; init; }

    public required string Segment { get; init; }

    public required string Inpaint { get; init; }

    /// <summary>Inpaints with a character's LoRA.</summary>
    public required string CharacterInpaint { get; init; }

    public required string Refine { get; init; }

    public required string Upscale { get; init; }

    public required string ExtractFrame { get; init; }

    public required string Storage { get; init; }
}
