using Natak.Assets;
using Natak.Tables.Characters;

namespace Natak.Api.Characters;

/// <summary>
/// A character as <c>GET /api/characters[/{id}]</c> shows it: its files as presigned GET URLs made on this read
/// (valid until <see cref="UrlsExpireAt"/>), never object keys.
/// </summary>
internal sealed record CharacterView(
    string CharacterId,
    string Name,
    string TriggerWord,
    int TrainingSteps,
    string JobId,
    DateTimeOffset CreatedAt,
    CharacterFileView Lora,
    CharacterFileView? Config,
    IReadOnlyList<CharacterImageView> ReferenceImages,
    DateTimeOffset UrlsExpireAt)
{
    public static async Task<CharacterView> CreateAsync(CharacterRecord character, IAssetStore assets, CancellationToken cancellationToken = default)
    {
        var lora = await assets.GetDownloadUrlAsync(character.LoraKey, cancellationToken: cancellationToken);
        var config = character.ConfigKey is { } configKey ? await assets.GetDownloadUrlAsync(configKey, cancellationToken: cancellationToken) : null;
        var references = new List<CharacterImageView>();
        foreach (var image in character.ReferenceImages)
        {
            var url = await assets.GetDownloadUrlAsync(image.Key, cancellationToken: cancellationToken);
            references.Add(new CharacterImageView(url.Url, image.Width, image.Height));
        }

        return new CharacterView(character.CharacterId, character.Name, character.TriggerWord, character.TrainingSteps, character.JobId,
            character.CreatedAt, new CharacterFileView(lora.Url), config is null ? null : new CharacterFileView(config.Url), references, lora.ExpiresAt);
    }
}

/// <summary>A file of a character (its LoRA weights, its training configuration).</summary>
internal sealed record CharacterFileView(Uri Url);

/// <summary>A reference image of a character.</summary>
internal sealed record CharacterImageView(Uri Url, int? Width, int? Height);
