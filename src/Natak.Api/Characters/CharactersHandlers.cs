using Microsoft.AspNetCore.Http;
using Natak.Api.Http;
using Natak.Api.Media;
using Natak.Assets;
using Natak.Core.Jobs;
using Natak.Core.Requests;
using Natak.Tables.Characters;

namespace Natak.Api.Characters;

/// <summary>The characters routes of api.md: train one, list them, read one, delete one. Someone else's character answers 404, like a missing one.</summary>
internal static class CharactersHandlers
{
    public static Task<IResult> StartCharacter(ApiRequest request) =>
        request.Service<MediaJobStarter>().StartAsync<CharacterRequest>(request, JobKind.Character,
            (character, jobId, input) => request.Service<CharacterStart>().CompleteAsync(request.Caller.Id, character, jobId, input, request.Aborted));

    public static async Task<IResult> ListCharacters(ApiRequest request)
    {
        var assets = request.Service<IAssetStore>();
        var characters = await request.Service<CharacterStore>().ListAsync(request.Caller.Id, request.Aborted);
        var views = new List<CharacterView>(characters.Count);
        foreach (var character in characters)
        {
            views.Add(await CharacterView.CreateAsync(character, assets, request.Aborted));
        }

        return TypedResults.Json(new { characters = views }, NatakJson.Options);
    }

    public static async Task<IResult> GetCharacter(ApiRequest request)
    {
        var character = await LoadOwnAsync(request);
        return TypedResults.Json(await CharacterView.CreateAsync(character, request.Service<IAssetStore>(), request.Aborted), NatakJson.Options);
    }

    /// <summary>
    /// Files first, then the record: if deleting stops half-way, the record still exists and a retried DELETE
    /// finishes the job (the other order would leave files no record points at).
    /// </summary>
    public static async Task<IResult> DeleteCharacter(ApiRequest request)
    {
        var character = await LoadOwnAsync(request);
        var assets = request.Service<IAssetStore>();
        var userId = request.Caller.Id;
        var prefix = AssetKeys.CharacterPrefix(userId, character.CharacterId);
        await assets.DeleteByPrefixAsync(prefix, request.Aborted);

        // Files recorded outside the character's folder (none are written there today) go too, if they are the caller's.
        var recorded = new[] { character.LoraKey, character.ConfigKey }.Concat(character.ReferenceImages.Select(i => i.Key));
        foreach (var key in recorded.OfType<string>().Where(k => !k.StartsWith(prefix, StringComparison.Ordinal) && AssetKeys.BelongsToUser(k, userId)))
        {
            await assets.DeleteAsync(key, request.Aborted);
        }

        await request.Service<CharacterStore>().DeleteAsync(userId, character.CharacterId, request.Aborted);
        return TypedResults.NoContent();
    }

    private static async Task<CharacterRecord> LoadOwnAsync(ApiRequest request)
    {
        var characterId = request.RouteValue("characterId");
        var character = CharacterIds.IsWellFormed(characterId)
            ? await request.Service<CharacterStore>().GetAsync(request.Caller.Id, characterId, request.Aborted)
            : null;
        return character ?? throw new ApiProblemException(ApiProblem.NotFound("character"));
    }
}
