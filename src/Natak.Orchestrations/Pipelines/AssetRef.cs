namespace Natak.Orchestrations.Pipelines;

/// <summary>
/// An object a step stored in R2, with what was measured from its bytes. Orchestrations pass these (keys, never
/// bytes or URLs); URLs are presigned when a provider needs the object or a client reads the job.
/// </summary>
public sealed record AssetRef(
    string Key,
    string ContentType,
    long Bytes,
    int? Width = null,
    int? Height = null,
    decimal? DurationSeconds = null,
    bool? HasAudio = null,
    string? Role = null);
