using Natak.Core.Jobs;
using Natak.Core.Pricing;

namespace Natak.Orchestrations.Pipelines;

/// <summary>
/// Everything a job orchestration needs, fixed at order time: who, what (the plan's steps), how much (credits),
/// and the kind-specific facts (the character's LoRA and trigger word, the new character's name).
/// </summary>
public sealed record PipelineJobInput
{
    public required string JobId { get; init; }

    public required string UserId { get; init; }

    /// <summary>When the job was ordered (its rows in the Jobs table are keyed by it).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The job got a slot when it was ordered; otherwise it waits for a finishing job to hand it one.</summary>
    public bool Admitted { get; init; } = true;

    /// <summary>
    /// When a queued job first looks at its place in the queue if no wake-up has come: set by the start route for a
    /// job near the head of the queue (from the jobs ahead of it and <c>Jobs:Admission:CheckAfter</c>); none, the job
    /// waits for the wake-up alone.
    /// </summary>
    public TimeSpan? SlotCheckAfter { get; init; }

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

    /// <summary>
    /// How long the job's credit hold lasts: past every deadline of the plan (a step may wait out its deadline at each
    /// of its providers in turn, after riding out refusals and a storage outage), plus an hour. The sweeper releases a
    /// hold only once its job no longer runs, so this bounds a lost job's hold, not a slow job.
    /// </summary>
    public TimeSpan HoldLifetime()
    {
        double Longest(PipelineStepSpec s) => s.Kind == StepKind.ProviderCall && s.ModelKind is { } kind
            ? (Timings.For(kind, s.ModelKey).Deadline.TotalMinutes * Math.Max(1, s.Providers.Count))
              + Timings.SubmitRetries.TotalMinutes + Timings.StorageRetries.TotalMinutes
            : 0;
        var perOutput = OutputSteps.Sum(Longest);
        var total = SharedSteps.Sum(Longest) + (perOutput * Math.Ceiling(OutputCount / (double)Math.Max(1, Timings.MaxParallelOutputs)));
        return TimeSpan.FromMinutes(total) + TimeSpan.FromHours(1);
    }

    /// <summary>
    /// The input of a job that runs <paramref name="plan"/> as it was quoted: its steps, credits, prompt and rating,
    /// with the facts the prompt writer and the result need (model name and prompt style, video resolution).
    /// </summary>
    public static PipelineJobInput FromPlan(string jobId, string userId, PipelinePlan plan, PricingCatalog catalog,
        PipelineTimingOptionsSnapshot timings, CharacterRef? character = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(catalog);
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (plan.Facts.Model is { } key)
        {
            var model = catalog.Model(key);
            facts["model"] = key;
            facts["modelName"] = model.Name;
            if (model.PromptStyle is { } style)
            {
                facts["promptStyle"] = style;
            }
        }

        if (plan.Facts.Resolution is { } resolution)
        {
            facts["resolution"] = resolution;
        }

        return new PipelineJobInput
        {
            JobId = jobId,
            UserId = userId,
            Kind = plan.Kind,
            OutputType = plan.OutputType,
            OutputCount = plan.OutputCount,
            CreditsPerOutput = plan.CreditsPerOutput,
            Rating = plan.Rating,
            Prompt = plan.Prompt,
            SharedSteps = [.. plan.SharedSteps.Select(PipelineStepSpec.From)],
            OutputSteps = [.. plan.OutputSteps.Select(PipelineStepSpec.From)],
            Timings = timings,
            Character = character,
            ResultFacts = facts,
        };
    }
}

/// <summary>An existing character a job uses: its LoRA object and trigger word.</summary>
public sealed record CharacterRef(string CharacterId, string LoraKey, string TriggerWord);

/// <summary>The character a training job creates.</summary>
public sealed record NewCharacter(string CharacterId, string Name, string TriggerWord, int Steps);

/// <summary>The timings a job was ordered with (copied into the input so a configuration change cannot alter a running job).</summary>
/// <param name="Image">The wait of image steps.</param>
/// <param name="Video">The wait of video and animate steps.</param>
/// <param name="Training">The wait of LoRA training.</param>
/// <param name="MaxParallelOutputs">Outputs of a batch run at once.</param>
/// <param name="Models">Per-model overrides keyed by <see cref="PipelineTimingOptions.ModelMatchKey"/>.</param>
/// <param name="SubmitRetryWindow">How long refused submits are tried again at the same provider.</param>
/// <param name="StorageRetryWindow">How long copying outputs into R2 keeps trying.</param>
/// <param name="RetryUnit">The first wait of those retries (1 s: durable timers on Azure Storage have whole-second resolution).</param>
public sealed record PipelineTimingOptionsSnapshot(StepWait Image, StepWait Video, StepWait Training, int MaxParallelOutputs,
    IReadOnlyDictionary<string, StepWaitOverride>? Models = null, TimeSpan? SubmitRetryWindow = null, TimeSpan? StorageRetryWindow = null,
    TimeSpan? RetryUnit = null)
{
    /// <summary>The first wait of a refused submit's or a storage outage's retries.</summary>
    public TimeSpan Retries => RetryUnit ?? TimeSpan.FromSeconds(1);

    public static PipelineTimingOptionsSnapshot From(PipelineTimingOptions options) =>
        new(options.Image, options.Video, options.Training, options.MaxParallelOutputs,
            options.Models.GroupBy(m => PipelineTimingOptions.ModelMatchKey(m.Key), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
            options.SubmitRetryWindow, options.StorageRetryWindow);

    /// <summary>How long refused submits are tried again at the same provider (2 minutes unless configured).</summary>
    public TimeSpan SubmitRetries => SubmitRetryWindow ?? TimeSpan.FromMinutes(2);

    /// <summary>How long copying outputs into R2 keeps trying (1 hour unless configured).</summary>
    public TimeSpan StorageRetries => StorageRetryWindow ?? TimeSpan.FromHours(1);

    /// <summary>The wait of a step: its model kind's, with the overrides of the model it runs.</summary>
    public StepWait For(ModelKind kind, string? modelKey = null)
    {
        var wait = new PipelineTimingOptions { Image = Image, Video = Video, Training = Training }.For(kind);
        return modelKey is not null && Models?.GetValueOrDefault(PipelineTimingOptions.ModelMatchKey(modelKey)) is { } model
            ? model.ApplyTo(wait)
            : wait;
    }
}
