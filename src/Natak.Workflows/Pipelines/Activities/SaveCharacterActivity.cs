using Microsoft.DurableTask;
using Natak.Ledger.Characters;

namespace Natak.Workflows.Pipelines.Activities;

/// <summary>Stores the trained character once its LoRA and reference images are in R2 (an upsert: replays are harmless).</summary>
public sealed class SaveCharacterActivity(CharacterStore characters, TimeProvider time) : TaskActivity<CharacterRecord, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CharacterRecord input)
    {
        await characters.SaveAsync(input with { CreatedAt = input.CreatedAt == default ? time.GetUtcNow() : input.CreatedAt });
        return true;
    }
}
