using System.Text.Json.Serialization;
using Natak.Core.Jobs;

namespace Natak.Core.Requests;

/// <summary><c>POST /api/images</c>. Unset choices take the catalogue's defaults.</summary>
public sealed record ImageRequest : IMediaRequest
{
    public string? Prompt { get; init; }

    /// <summary>Expanded into a prompt by the prompt model; exactly one of prompt and idea.</summary>
    public string? Idea { get; init; }

    public string? CharacterId { get; init; }

    public string? Model { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public int? Count { get; init; }

    public long? Seed { get; init; }

    /// <summary>Edit this image instead of generating one.</summary>
    public string? SourceImageUrl { get; init; }

    public ControlOptions? Control { get; init; }

    public OutfitOptions? Outfit { get; init; }

    /// <summary>Upscale factor (catalogue: 2, 4 or 5).</summary>
    public int? Upscale { get; init; }

    public string? Rating { get; init; }

    [JsonIgnore]
    public JobKind Kind => JobKind.Image;
}
