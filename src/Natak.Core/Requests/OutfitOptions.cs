namespace Natak.Core.Requests;

/// <summary>The clothing change: segment <see cref="Segment"/> (default <c>clothing</c>) and inpaint <see cref="Description"/>.</summary>
public sealed record OutfitOptions
{
    public string? Description { get; init; }

    public string? Segment { get; init; }
}
