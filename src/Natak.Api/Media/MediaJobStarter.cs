using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Natak.Api.Http;
using Natak.Api.Jobs;
using Natak.Assets;
using Natak.Core.Jobs;
using Natak.Core.Pricing;
using Natak.Core.Problems;
using Natak.Core.Requests;
using Natak.Orchestrations.Pipelines;
using Natak.Tables.Characters;
using Natak.Tables.Credits;

namespace Natak.Api.Media;

/// <summary>
/// What every start route does, in order: parse and validate the request against the catalogue (400 naming the
/// fields and allowed values), resolve the character it uses (404 when it is not the caller's or was deleted),
/// plan and price it, then start the job under the Idempotency-Key contract (which holds its credits: 402 when the
/// available balance is short, nothing scheduled).
/// </summary>
public sealed class MediaJobStarter(
    PricingCatalog catalog,
    QuoteEngine quotes,
    ICreditLedger ledger,
    CharacterStore characters,
    JobStarter starter,
    IOptions<PipelineTimingOptions> timings)
{
    public async Task<IResult> StartAsync<TRequest>(ApiRequest request, JobKind kind, Func<TRequest, string, PipelineJobInput, Task<PipelineJobInput>>? complete = null)
        where TRequest : class, IMediaRequest
    {
        var body = await request.ReadJsonNodeAsync();
        var typed = ApiRequest.Bind<TRequest>(body);
        var quote = quotes.Quote(typed);
        if (!quote.IsValid)
        {
            throw new ApiProblemException(ApiProblem.Validation(quote.Errors.ToDictionary()));
        }

        var plan = quote.Plan;
        return await starter.StartAsync(request, kind, body, async jobId =>
        {
            var character = await ResolveCharacterAsync(request, typed);
            if (complete is not null)
            {
                // Completing the input is slow (a character's photos are fetched and checked): refuse a short balance
                // first. The hold taken at start is what decides.
                var balance = await ledger.GetBalanceAsync(request.Caller.Id, request.Aborted);
                if (balance.Available < plan.TotalCredits)
                {
                    throw new ApiProblemException(ApiProblem.InsufficientCredits(plan.TotalCredits, balance.Available));
                }
            }

            var input = PipelineJobInput.FromPlan(jobId, request.Caller.Id, plan, catalog, PipelineTimingOptionsSnapshot.From(timings.Value), character);
            return complete is null ? input : await complete(typed, jobId, input);
        });
    }

    private async Task<CharacterRef?> ResolveCharacterAsync(ApiRequest request, IMediaRequest typed)
    {
        var characterId = typed switch
        {
            ImageRequest image => image.CharacterId,
            VideoRequest video => video.CharacterId,
            _ => null,
        };
        if (characterId is null)
        {
            return null;
        }

        var character = await characters.GetAsync(request.Caller.Id, characterId, request.Aborted);
        return character is null
            ? throw new ApiProblemException(ApiProblem.Create(404, ProblemCodes.NotFound, "Character not found.",
                "characterId: no character with that id exists for the caller (it may have been deleted).") with
            { Errors = new Dictionary<string, string[]> { ["characterId"] = ["No character with that id exists for the caller."] } })
            : new CharacterRef(character.CharacterId, character.LoraKey, character.TriggerWord);
    }
}
