using System.Text.Json.Serialization;
using Natak.Core.Jobs;

namespace Natak.Core.Requests;

/// <summary><c>POST /api/videos</c>. Unset choices take the catalogue's defaults for the model.</summary>
public sealed record VideoRequest : IMediaRequest
{
    public string? Model { get; init; }

    public string? Prompt { get; init; }

    public string? Idea { get; init; }

    /// <summary>The start frame. At most one of this and <see cref="CharacterId"/>.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>A reference image of the character is generated as the start frame.</summary>
    public string? CharacterId { get; init; }

    /// <summary>The motion source of an animate model (required there, refused elsewhere).</summary>
    public string? DrivingVideoUrl { get; init; }

    public string? Resolution { get; init; }

    public int? DurationSeconds { get; init; }

    public bool? Audio { get; init; }

    public string? Rating { get; init; }

    [JsonIgnore]
    public JobKind Kind => JobKind.Video;
}
