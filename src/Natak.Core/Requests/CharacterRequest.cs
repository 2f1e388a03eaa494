using System.Text.Json.Serialization;
using Natak.Core.Jobs;

namespace Natak.Core.Requests;

/// <summary>
/// <c>POST /api/characters</c>: train a LoRA on the user's photos. Exactly one of <see cref="ImageUrls"/> or
/// <see cref="ImagesZipUrl"/>; <see cref="Steps"/> overrides <see cref="Quality"/>.
/// </summary>
public sealed record CharacterRequest : IMediaRequest
{
    public string? Name { get; init; }

    public IReadOnlyList<string>? ImageUrls { get; init; }

    public string? ImagesZipUrl { get; init; }

    /// <summary>The word that triggers the LoRA; derived from the name (ASCII letters and digits, upper case) when absent.</summary>
    public string? TriggerWord { get; init; }

    /// <summary><c>fast</c>, <c>standard</c> or <c>high</c> (catalogue <c>character.quality</c>).</summary>
    public string? Quality { get; init; }

    public int? Steps { get; init; }

    [JsonIgnore]
    public JobKind Kind => JobKind.Character;
}
