using System.Text.Json.Nodes;
using Natak.Core.Jobs;
using Natak.Core.Pricing;
using Natak.Orchestrations.Pipelines.Activities;
using Natak.Orchestrations.Pipelines.ProviderCalls;
using Natak.Tables.Characters;

namespace Natak.Orchestrations.Pipelines;

/// <summary>
/// Shapes a finished pipeline into the job's result (api.md): asset <em>keys</em> under <c>assetKey</c>, which the
/// jobs API turns into fresh presigned URLs on every read. Which step outputs make up the result is read from the
/// plan (<see cref="PipelineStepSpec.Kind"/> and <see cref="PipelineStepSpec.Result"/>). Pure: runs inside the orchestration.
/// </summary>
public static class PipelineResults
{
    public const string AssetKey = "assetKey";

    /// <param name="job">The job's input (its plan).</param>
    /// <param name="shared">The outputs of the shared steps, by step id.</param>
    /// <param name="outputs">Each output's chain.</param>
    /// <param name="character">The character a character job created (<see cref="NewCharacter"/>).</param>
    public static JsonObject Build(PipelineJobInput job, IReadOnlyDictionary<string, StepOutput> shared, IReadOnlyList<OutputResult> outputs, CharacterRecord? character)
    {
        ArgumentNullException.ThrowIfNull(job);
        var written = job.SharedSteps.FirstOrDefault(s => s.Kind == StepKind.Prompt) is { } step ? shared.GetValueOrDefault(step.Id)?.Text : null;
        var prompt = job.Prompt ?? written;
        return job.Kind switch
        {
            // The final prompt is the one the images were generated with: a character's trigger word leads it.
            JobKind.Image => Images(prompt is null ? null : TriggerWords.Lead(prompt, job.Character?.TriggerWord), outputs),
            JobKind.Video => Video(job, prompt, outputs),
            _ => Character(job.NewCharacter!, character),
        };
    }

    /// <summary>
    /// The character a character job made, once every shared step delivered: the LoRA (and config) of the step that
    /// feeds <see cref="ResultPart.CharacterLora"/>, the reference images in plan order. <c>null</c> if either is missing.
    /// </summary>
    public static CharacterRecord? NewCharacter(PipelineJobInput job, IReadOnlyDictionary<string, StepOutput> shared, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(shared);
        if (job.NewCharacter is not { } character)
        {
            return null;
        }

        IEnumerable<StepOutput> Feeding(ResultPart part) =>
            job.SharedSteps.Where(s => s.Result == part).Select(s => shared.GetValueOrDefault(s.Id)).OfType<StepOutput>();

        var trained = Feeding(ResultPart.CharacterLora).SelectMany(o => o.Assets).ToList();
        if (trained.FirstOrDefault(a => a.Role == AssetRoles.Lora) is not { } lora)
        {
            return null;
        }

        var references = Feeding(ResultPart.CharacterReference)
            .Select(o => o.Main)
            .OfType<AssetRef>()
            .Select(a => new CharacterImage(a.Key, a.Width, a.Height))
            .ToList();
        return new CharacterRecord(job.UserId, character.CharacterId, character.Name, character.TriggerWord,
            lora.Key, trained.FirstOrDefault(a => a.Role == AssetRoles.Config)?.Key, references, character.Steps, job.JobId, createdAt);
    }

    public static JsonObject Asset(AssetRef asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return Asset(asset.Key, asset.Width, asset.Height);
    }

    /// <summary>One delivered image of a batch as the result lists it (also written as it is stored, before the batch ends).</summary>
    public static JsonObject OutputEntry(AssetRef image, long? seed)
    {
        var node = Asset(image);
        if (seed is not null)
        {
            node["seed"] = seed;
        }

        return node;
    }

    private static JsonObject Asset(string key, int? width, int? height)
    {
        var node = new JsonObject { [AssetKey] = key };
        if (width is { } w && height is { } h)
        {
            node["width"] = w;
            node["height"] = h;
        }

        return node;
    }

    private static JsonObject Images(string? prompt, IReadOnlyList<OutputResult> outputs)
    {
        var images = new JsonArray();
        var failures = new JsonArray();
        foreach (var output in outputs.OrderBy(o => o.Index))
        {
            if (output.Final?.Main is { } image)
            {
                images.Add(OutputEntry(image, output.Steps.Values.FirstOrDefault(s => s.Seed is not null)?.Seed));
            }
            else if (output.Failure is { } failure)
            {
                failures.Add(new JsonObject { ["index"] = output.Index, ["code"] = failure.Code, ["message"] = failure.Message });
            }
        }

        var result = new JsonObject { ["prompt"] = prompt, ["images"] = images };
        if (failures.Count > 0)
        {
            result["failures"] = failures;
        }

        return result;
    }

    private static JsonObject Video(PipelineJobInput job, string? prompt, IReadOnlyList<OutputResult> outputs)
    {
        var output = outputs.Count > 0 ? outputs[0] : null;
        JsonObject? video = null;
        if (output?.Final?.Main is { } clip)
        {
            video = Asset(clip);
            video["durationSeconds"] = clip.DurationSeconds;
            video["resolution"] = job.ResultFacts.GetValueOrDefault("resolution");
            video["hasAudio"] = clip.HasAudio ?? false;
        }

        // The start frame Natak made: the character's reference image, or the animate workaround's refined first frame.
        var startFrame = job.OutputSteps.FirstOrDefault(s => s.Result == ResultPart.StartFrame) is { } step
            ? output?.Steps.GetValueOrDefault(step.Id)?.Main
            : null;
        return new JsonObject
        {
            ["prompt"] = prompt,
            ["video"] = video,
            ["referenceImage"] = startFrame is null ? null : Asset(startFrame),
        };
    }

    private static JsonObject Character(NewCharacter created, CharacterRecord? character) => new()
    {
        ["characterId"] = created.CharacterId,
        ["name"] = created.Name,
        ["triggerWord"] = created.TriggerWord,
        ["lora"] = character is null ? null : new JsonObject { [AssetKey] = character.LoraKey },
        ["referenceImages"] = new JsonArray([.. (character?.ReferenceImages ?? []).Select(i => (JsonNode)Asset(i.Key, i.Width, i.Height))]),
    };
}
