using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>One model endpoint the simulator serves: its inputs, what it makes, and how fal shapes the output.</summary>
internal sealed record ModelSpec
{
    public required SimulatorProvider Provider { get; init; }

    public required string Id { get; init; }

    public required IReadOnlyList<FieldSpec> Fields { get; init; }

    public required Func<PlanContext, MediaPlan> Plan { get; init; }

    public required OutputShape Shape { get; init; }

    public bool IsTraining { get; init; }

    /// <summary>Rules that involve several fields (pydantic model validators).</summary>
    public Func<JsonObject, IEnumerable<ValidationIssue>>? CrossCheck { get; init; }
}

/// <summary>How fal lays out a model's output JSON.</summary>
internal enum OutputShape
{
    /// <summary><c>images[]</c>, <c>seed</c>, <c>has_nsfw_concepts</c>, <c>timings</c>, <c>prompt</c>.</summary>
    Images,

    /// <summary><c>images[]</c> and <c>description</c> (nano-banana).</summary>
    ImagesWithDescription,

    /// <summary>A single <c>image</c>.</summary>
    Image,

    /// <summary>A single <c>image</c> and the <c>seed</c> (upscale).</summary>
    ImageWithSeed,

    /// <summary><c>masks[]</c> and <c>scores[]</c> (segmentation).</summary>
    Masks,

    /// <summary>Just <c>images[]</c> (frame extraction).</summary>
    Frames,

    /// <summary><c>video{url,content_type,file_name,file_size}</c>.</summary>
    Video,

    /// <summary><c>video</c> with width, height, fps, duration, num_frames (LTX).</summary>
    VideoWithMetadata,

    /// <summary><c>video</c> and <c>seed</c> (WAN).</summary>
    VideoWithSeed,

    /// <summary><c>diffusers_lora_file</c>, <c>config_file</c>.</summary>
    Training,
}
