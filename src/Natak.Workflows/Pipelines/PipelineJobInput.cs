using Natak.Core.Jobs;

namespace Natak.Workflows.Pipelines;

/// <summary>
/// Everything a job orchestration needs, fixed at order time: who, what (the plan's steps), how much (credits),
/// and the kind-specific facts (the character's LoRA and trigger word, the new character's name).
/// </summary>
public sealed record PipelineJobInput
{
    public required string JobId { get; init; }

    public required string UserId { get; init; }

    public required JobKind Kind { get; init; }

    public required string OutputType { get; init; }

    public required int OutputCount { get; init; }

    public required long CreditsPerOutput { get; init; }

    public required string Rating { get; init; }

    /// <summary>The prompt as given (null when an idea is expanded by the prompt step).</summary>
    public string? Prompt { get; init; }

    public required IReadOnlyList<PipelineStepSpec> SharedSteps { get; init; }

    public required IReadOnlyList<PipelineStepSpec> OutputSteps { get; init; }

    public required PipelineTimingOptionsSnapshot Timings { get; init; }

    /// <summary>The character whose LoRA the plan uses (images and videos of an existing character).</summary>
    public CharacterRef? Character { get; init; }

    /// <summary>The character being created (character jobs).</summary>
    public NewCharacter? NewCharacter { get; init; }

    /// <summary>Facts the result reports (e.g. a video's resolution and whether audio was asked for).</summary>
    public IReadOnlyDictionary<string, string> ResultFacts { get; init; } = new Dictionary<string, string>();

    public long TotalCredits => CreditsPerOutput * OutputCount;

    public int TotalSteps => SharedSteps.Count + (OutputSteps.Count * OutputCount);
}

/// <summary>An existing character a job uses: its LoRA object and trigger word.</summary>
public sealed record CharacterRef(string CharacterId, string LoraKey, string TriggerWord);

/// <summary>The character a training job creates.</summary>
public sealed record NewCharacter(string CharacterId, string Name, string TriggerWord, int Steps);

/// <summary>The timings a job was ordered with (copied into the input so a configuration change cannot alter a running job).</summary>
public sealed record PipelineTimingOptionsSnapshot(StepWait Image, StepWait Video, StepWait Training, int MaxParallelOutputs)
{
    public static PipelineTimingOptionsSnapshot From(PipelineTimingOptions options) =>
        new(options.Image, options.Video, options.Training, options.MaxParallelOutputs);

    public StepWait For(string stepName) =>
        new PipelineTimingOptions { Image = Image, Video = Video, Training = Training }.For(stepName);
}
