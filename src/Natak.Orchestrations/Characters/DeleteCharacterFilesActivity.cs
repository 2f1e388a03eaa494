using Microsoft.DurableTask;
using Natak.Orchestrations.Jobs;

namespace Natak.Orchestrations.Characters;

/// <summary>The character whose folder (<c>users/{UserId}/characters/{CharacterId}/</c>) is to be emptied.</summary>
public sealed record DeleteCharacterFiles(string UserId, string CharacterId);

/// <summary>Removes what a character job that did not succeed left in the character's folder (<see cref="JobSettlement.DeleteCharacterFilesAsync"/>).</summary>
public sealed class DeleteCharacterFilesActivity(JobSettlement settlement) : TaskActivity<DeleteCharacterFiles, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, DeleteCharacterFiles input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return settlement.DeleteCharacterFilesAsync(input.UserId, input.CharacterId);
    }
}
