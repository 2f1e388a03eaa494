using System.Text.Json.Nodes;
using Natak.Core.Jobs;
using Natak.Core.Pricing;
using Natak.Orchestrations.Pipelines.Activities;
using Natak.Orchestrations.Pipelines.ProviderCalls;

namespace Natak.Orchestrations.Pipelines;

/// <summary>One output of a batch: its final asset and the outputs of its steps, or why it failed.</summary>
public sealed record OutputResult(int Index, IReadOnlyDictionary<string, StepOutput> Steps, StepOutput? Final, StepFailure? Failure)
{
    public bool Succeeded => Final is not null;
}

/// <summary>
/// Shapes a finished pipeline into the job's result (api.md): asset <em>keys</em> under <c>assetKey</c>, which the
/// jobs API turns into fresh presigned URLs on every read. Pure: runs inside the orchestration.
/// </summary>
public static class PipelineResults
{
    public const string AssetKey = "assetKey";

    public static JsonObject Build(PipelineJobInput job, IReadOnlyDictionary<string, StepOutput> shared, IReadOnlyList<OutputResult> outputs)
    {
        var prompt = job.Prompt ?? (shared.TryGetValue(PlanStepNames.Prompt, out var written) ? written.Text : null);
        return job.Kind switch
        {
            // The final prompt is the one the images were generated with: a character's trigger word leads it.
            JobKind.Image => Images(prompt is null ? null : TriggerWords.Lead(prompt, job.Character?.TriggerWord), outputs),
            JobKind.Video => Video(job, prompt, outputs),
            _ => Character(job, shared),
        };
    }

    public static JsonObject Asset(AssetRef asset)
    {
        var node = new JsonObject { [AssetKey] = asset.Key };
        if (asset.Width is { } w && asset.Height is { } h)
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
                var node = Asset(image);
                var seed = output.Steps.Values.FirstOrDefault(s => s.Seed is not null)?.Seed;
                if (seed is not null)
                {
                    node["seed"] = seed;
                }

                images.Add(node);
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
        var reference = (output?.Steps.GetValueOrDefault(PlanStepNames.Reference) ?? output?.Steps.GetValueOrDefault(PlanStepNames.Refine))?.Main;
        return new JsonObject
        {
            ["prompt"] = prompt,
            ["video"] = video,
            ["referenceImage"] = reference is null ? null : Asset(reference),
        };
    }

    private static JsonObject Character(PipelineJobInput job, IReadOnlyDictionary<string, StepOutput> shared)
    {
        var character = job.NewCharacter!;
        var lora = shared.GetValueOrDefault(PlanStepNames.Train)?.Assets.FirstOrDefault(a => a.Role == AssetRoles.Lora);
        var references = new JsonArray([.. shared.Values
            .Where(s => s.StepKey.StartsWith(PlanStepNames.Reference, StringComparison.Ordinal))
            .OrderBy(s => s.StepKey, StringComparer.Ordinal)
            .Where(s => s.Main is not null)
            .Select(s => (JsonNode)Asset(s.Main!))]);
        return new JsonObject
        {
            ["characterId"] = character.CharacterId,
            ["name"] = character.Name,
            ["triggerWord"] = character.TriggerWord,
            ["lora"] = lora is null ? null : new JsonObject { [AssetKey] = lora.Key },
            ["referenceImages"] = references,
        };
    }
}
