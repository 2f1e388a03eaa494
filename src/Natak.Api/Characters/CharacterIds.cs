using Natak.Core.Ids;
using Natak.Core.Jobs;

namespace Natak.Api.Characters;

/// <summary>
/// Character ids are <c>char_</c> + the body of the job id that trains the character, so a retried start (same
/// Idempotency-Key, same job) names the same character, and the one tells the other.
/// </summary>
internal static class CharacterIds
{
    public const string Prefix = "char_";

    private static readonly string JobPrefix = JobKind.Character.IdPrefix() + "_";

    public static string FromJobId(string jobId) =>
        JobIds.IsWellFormed(jobId) && jobId.StartsWith(JobPrefix, StringComparison.Ordinal)
            ? Prefix + jobId[JobPrefix.Length..]
            : throw new ArgumentException("Not a character job id.", nameof(jobId));

    /// <summary>True when <paramref name="characterId"/> has the shape of a character id (so junk never reaches storage).</summary>
    public static bool IsWellFormed(string? characterId) =>
        characterId is not null
        && characterId.StartsWith(Prefix, StringComparison.Ordinal)
        && JobIds.IsWellFormed(JobPrefix + characterId[Prefix.Length..]);
}
