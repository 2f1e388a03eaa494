using Natak.Core.Pricing;
using Natak.Core.Requests;
using Natak.Orchestrations.Pipelines;
using Natak.Orchestrations.Pipelines.ProviderCalls;

namespace Natak.Orchestrations.Tests.Infrastructure;

/// <summary>
/// Job inputs made the way the start routes make them — the real planner over the default catalogue, then
/// <see cref="PipelineJobInput.FromPlan"/> — with waits of milliseconds instead of seconds and minutes.
/// </summary>
internal static class TestJobs
{
    /// <summary>Polls from 5 ms, doubling to 20 ms; the deadline is long enough never to be reached unless a test wants it.</summary>
    public static readonly StepWait Quick = new(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10));

    /// <summary>A deadline a test waits out: polls at 5–20 ms, gives up after 150 ms.</summary>
    public static readonly StepWait ShortDeadline = new(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(150));

    /// <summary>Refused submits are tried again for 300 ms, storage for 400 ms; retries wait from 10 ms.</summary>
    public static readonly TimeSpan SubmitRetryWindow = TimeSpan.FromMilliseconds(300);

    public static readonly TimeSpan StorageRetryWindow = TimeSpan.FromMilliseconds(400);

    public static PricingCatalog Catalog { get; } = PricingCatalog.LoadDefault();

    public static PipelineTimingOptionsSnapshot Timings(StepWait wait, int maxParallelOutputs, IReadOnlyDictionary<string, StepWaitOverride>? models = null) =>
        new(wait, wait, wait, maxParallelOutputs, models, SubmitRetryWindow, StorageRetryWindow, RetryUnit: TimeSpan.FromMilliseconds(10));

    public static CharacterRef Maya { get; } = new("chr_maya", "users/u/characters/chr_maya/lora.safetensors", "MAYA");

    public static PipelineJobInput For(JobScript job, IMediaRequest request, int maxParallelOutputs = 8, CharacterRef? character = null,
        IReadOnlyDictionary<string, StepWaitOverride>? models = null)
    {
        var plan = new PipelinePlanner(Catalog).Plan(request);
        var timings = Timings(Quick, maxParallelOutputs, models);
        var input = PipelineJobInput.FromPlan(job.JobId, job.UserId, plan, Catalog, timings, character);
        if (request is not CharacterRequest created)
        {
            return input;
        }

        // as the character start route names it: the trigger word and steps the training step was planned with
        var train = input.SharedSteps.Single(s => s.Result == ResultPart.CharacterLora);
        return input with
        {
            NewCharacter = new NewCharacter("char_" + job.JobId, created.Name!, train.Inputs[InputNames.TriggerWord].Value!, int.Parse(train.Inputs[InputNames.Steps].Value!, System.Globalization.CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>A job of exactly one paid step: <paramref name="call"/>'s model, providers, literal inputs and wait (as the video wait).</summary>
    public static PipelineJobInput OneStep(ProviderCallInput call)
    {
        var step = new PipelineStepSpec
        {
            Id = "video",
            Name = "video",
            Kind = StepKind.ProviderCall,
            ModelKey = call.ModelKey,
            ModelKind = call.ModelKind,
            Variant = call.Variant,
            PerOutput = true,
            Providers = call.Providers,
            Inputs = call.Values.ToDictionary(p => p.Key, p => new StepInputSpec(StepInputSource.Literal, p.Value, null, null), StringComparer.Ordinal),
        };
        return new PipelineJobInput
        {
            JobId = call.JobId,
            UserId = call.UserId,
            Kind = Core.Jobs.JobKind.Video,
            OutputType = call.OutputType,
            OutputCount = 1,
            CreditsPerOutput = 15,
            Rating = call.Rating,
            SharedSteps = [],
            OutputSteps = [step],
            Timings = Timings(call.Wait, 1) with { Image = Quick, Training = Quick },
        };
    }

    /// <summary>One Kling video step (fal, then WaveSpeed) as a job of its own; its step key is <c>video-1</c>.</summary>
    public static ProviderCallInput KlingCall(JobScript job, StepWait wait, IReadOnlyList<string>? providers = null) =>
        new(job.JobId, job.UserId, "video-1", ModelKind.Video, "kling-2.6-pro", EndpointVariants.ImageToVideo, providers ?? [ProviderNames.Fal, ProviderNames.WaveSpeed],
            new Dictionary<string, string> { [InputNames.Prompt] = "a kite over the dunes", [InputNames.Image] = "https://img.example.com/start.png" },
            "sfw", "premium-video", wait);

    public static ImageRequest PremiumBatch(int count) => new()
    {
        Idea = "a woman reading in a sunlit cafe",
        Count = count,
        Outfit = new OutfitOptions { Description = "red summer dress" },
        Upscale = 2,
    };

    public static CharacterRequest NewCharacterFromPhotos() => new()
    {
        Name = "Maya",
        ImageUrls = [.. Enumerable.Range(1, 4).Select(i => $"https://uploads.example.com/maya-{i}.jpg")],
        Quality = "fast",
    };
}
