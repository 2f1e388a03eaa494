using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Natak.Assets;

namespace Natak.Orchestrations.Characters;

/// <summary>The character whose folder (<c>users/{UserId}/characters/{CharacterId}/</c>) is to be emptied.</summary>
public sealed record DeleteCharacterFiles(string UserId, string CharacterId);

/// <summary>
/// Removes what a character job that did not succeed left in the character's folder (the training zip, a LoRA
/// whose reference images failed). Best effort: a failure is logged and never blocks the job's end, whose credits
/// are already settled. Safe to repeat.
/// </summary>
public sealed class DeleteCharacterFilesActivity(IAssetStore assets, ILogger<DeleteCharacterFilesActivity> logger) : TaskActivity<DeleteCharacterFiles, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, DeleteCharacterFiles input)
    {
        try
        {
            return await assets.DeleteByPrefixAsync(AssetKeys.CharacterPrefix(input.UserId, input.CharacterId));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logs.CharacterCleanupFailed(logger, ex, input.CharacterId);
            return 0;
        }
    }
}
