using Natak.Core.Pricing;

namespace Natak.Orchestrations.Pipelines;

/// <summary>
/// Waiting per kind of catalogue model a provider step runs (section <c>Pipelines:Timings</c>). Images take seconds, videos minutes,
/// LoRA training 3–10 minutes: polling intervals and deadlines follow that, and the webhook usually ends the
/// wait long before the first poll. <see cref="Models"/> overrides the wait of the steps that run one catalogue
/// model (<c>Pipelines:Timings:Models:veo-3:Deadline</c>), since a 4K Veo clip takes far longer than an LTX one.
/// </summary>
public sealed class PipelineTimingOptions
{
    public const string SectionName = "Pipelines:Timings";

    public StepWait Image { get; set; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(10));

    public StepWait Video { get; set; } = new(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(30));

    public StepWait Training { get; set; } = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromMinutes(30));

    /// <summary>How many outputs of a batch run at once (each output is its own chain of provider calls).</summary>
    public int MaxParallelOutputs { get; set; } = 8;

    /// <summary>
    /// How long a submit the provider refused (429, or 503 with nothing created) is tried again at the same provider,
    /// with a jittered back-off that honours its <c>Retry-After</c>, before the step fails over or fails. Never past
    /// the step's deadline.
    /// </summary>
    public TimeSpan SubmitRetryWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long copying a finished request's outputs into R2 keeps trying (on durable timers, waits growing to a
    /// minute) when R2 or the provider's files cannot be reached: the provider keeps its outputs for days, so a
    /// storage outage delays a paid output instead of losing it.
    /// </summary>
    public TimeSpan StorageRetryWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Catalogue model key → what differs from its step kind's wait. Keys match ignoring case and punctuation, so
    /// <c>kling_2_6_pro</c> (an app-setting name without dots or dashes) means <c>kling-2.6-pro</c>.
    /// </summary>
    public Dictionary<string, StepWaitOverride> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The wait of a step whose catalogue model is of <paramref name="kind"/>: training, video, or image (every other model makes an image or mask).</summary>
    public StepWait For(ModelKind kind) => kind switch
    {
        ModelKind.Training => Training,
        ModelKind.Video => Video,
        _ => Image,
    };

    /// <summary>A model key as <see cref="Models"/> matches it: lower case, every character but letters and digits as <c>_</c>.</summary>
    public static string ModelMatchKey(string modelKey) =>
        string.Concat(modelKey.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_'));
}

/// <summary>Part of a <see cref="StepWait"/>, for one model; what is not set comes from the step kind's wait.</summary>
public sealed record StepWaitOverride
{
    public TimeSpan? FirstPoll { get; init; }

    public TimeSpan? MaxPoll { get; init; }

    public TimeSpan? Deadline { get; init; }

    public StepWait ApplyTo(StepWait wait) => new(FirstPoll ?? wait.FirstPoll, MaxPoll ?? wait.MaxPoll, Deadline ?? wait.Deadline);
}
