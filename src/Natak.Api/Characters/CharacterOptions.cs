namespace Natak.Api.Characters;

/// <summary>
/// Settings of <c>POST /api/characters</c> (section <c>Characters</c>). The photos are checked while the client
/// waits: each URL gets at most <see cref="ImageCheckTimeout"/> to show its headers and first bytes, and at most
/// <see cref="MaxParallelImageChecks"/> are checked at once (30 photos ≈ 4 rounds).
/// </summary>
internal sealed class CharacterOptions
{
    public const string SectionName = "Characters";

    public TimeSpan ImageCheckTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxParallelImageChecks { get; set; } = 8;
}
