namespace Natak.Core.Requests;

/// <summary>Guide generation with a control map made from <see cref="ImageUrl"/>: exactly one of pose or depth.</summary>
public sealed record ControlOptions
{
    public string? ImageUrl { get; init; }

    public bool? Pose { get; init; }

    public bool? Depth { get; init; }
}
