using System.ComponentModel.DataAnnotations;

namespace Natak.Core.Pricing;

/// <summary>What a model accepts. Absent settings mean "not supported" (no control, no audio, no LoRAs …).</summary>
public sealed record ModelParameters
{
    public static readonly ModelParameters None = new();

    /// <summary>Image sizes (image models).</summary>
    public SizeRule? Size { get; init; }

    /// <summary>Images per request (fan-out bound).</summary>
    [Range(1, 100)]
    public int MaxCount { get; init; } = 1;

    /// <summary>How many LoRAs the model takes; 0 means a character cannot be applied.</summary>
    [Range(0, 10)]
    public int MaxLoras { get; init; }

    /// <summary>Whether the model takes one control image (pose or depth map).</summary>
    public bool Control { get; init; }

    public IReadOnlyList<string> Resolutions { get; init; } = [];

    public string? DefaultResolution { get; init; }

    /// <summary>Durations in seconds; <c>null</c> when the length is not chosen (follows a driving video).</summary>
    public DurationRule? Durations { get; init; }

    [Range(1, 3600)]
    public int? DefaultDuration { get; init; }

    /// <summary>Whether the model can generate a sound track.</summary>
    public bool Audio { get; init; }

    /// <summary>Whether the model runs without a start image.</summary>
    public bool TextToVideo { get; init; }

    /// <summary>Whether the model animates a start image with the motion of a driving video (and requires one).</summary>
    public bool DrivingVideo { get; init; }

    [Range(2, 16)]
    public IReadOnlyList<int> UpscaleFactors { get; init; } = [];

    /// <summary>A model-specific prompt length limit, below the catalogue-wide one.</summary>
    [Range(1, 100_000)]
    public int? PromptMaxLength { get; init; }
}
