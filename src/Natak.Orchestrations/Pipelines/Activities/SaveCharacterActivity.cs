using Microsoft.DurableTask;
using Natak.Tables.Characters;

namespace Natak.Orchestrations.Pipelines.Activities;

/// <summary>Stores the trained character once its LoRA and reference images are in R2 (an upsert: replays are harmless).</summary>
public sealed class SaveCharacterActivity(CharacterStore characters) : TaskActivity<CharacterRecord, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CharacterRecord input)
    {
        // CreatedAt comes from the orchestration's clock, so a replayed save writes the same record
        await characters.SaveAsync(input);
        return true;
    }
}
