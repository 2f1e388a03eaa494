namespace Natak.Tables.Characters;

/// <summary>A trained character: its LoRA and reference images in R2 (keys), and the trigger word that invokes it.</summary>
public sealed record CharacterRecord(
    string UserId,
    string CharacterId,
    string Name,
    string TriggerWord,
    string LoraKey,
    string? ConfigKey,
    IReadOnlyList<CharacterImage> ReferenceImages,
    int TrainingSteps,
    string JobId,
    DateTimeOffset CreatedAt);

public sealed record CharacterImage(string Key, int? Width, int? Height);
