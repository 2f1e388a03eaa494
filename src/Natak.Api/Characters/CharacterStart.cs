using Natak.Api.Http;
using Natak.Core.Pricing;
using Natak.Core.Requests;
using Natak.Orchestrations.Pipelines;

namespace Natak.Api.Characters;

/// <summary>
/// The character-specific part of <c>POST /api/characters</c>, run once the request is valid, planned and affordable
/// and a new job is about to start: check the photos' content (400 naming each bad one), then name the character
/// the job creates (id derived from the job id; trigger word and steps as planned).
/// </summary>
internal sealed class CharacterStart(TrainingImageChecker checker)
{
    public async Task<PipelineJobInput> CompleteAsync(string userId, CharacterRequest request, string jobId, PipelineJobInput input, CancellationToken cancellationToken = default)
    {
        var problems = await checker.CheckAsync(userId, request, cancellationToken);
        if (!problems.IsValid)
        {
            throw new ApiProblemException(ApiProblem.Validation(problems.ToDictionary()));
        }

        // the trigger word and steps the training step was quoted with
        var train = input.SharedSteps.Single(s => s.Result == ResultPart.CharacterLora);
        var character = new NewCharacter(
            CharacterIds.FromJobId(jobId),
            request.Name!.Trim(),
            train.Inputs[InputNames.TriggerWord].Value!,
            int.Parse(train.Inputs[InputNames.Steps].Value!, System.Globalization.CultureInfo.InvariantCulture));
        return input with { NewCharacter = character };
    }
}
