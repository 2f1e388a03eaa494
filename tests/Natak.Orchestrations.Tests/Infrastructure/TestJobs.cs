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

    public static PricingCatalog Catalog { get; } = PricingCatalog.LoadDefault();

    public static CharacterRef Maya { get; } = new("chr_maya", "users/u/characters/chr_maya/lora.safetensors", "MAYA");

    public static PipelineJobInput For(JobScript job, IMediaRequest request, int maxParallelOutputs = 8, CharacterRef? character = null,
        IReadOnlyDictionary<string, StepWaitOverride>? models = null)
    {
        var plan = new PipelinePlanner(Catalog).Plan(request);
        var timings = new PipelineTimingOptionsSnapshot(Quick, Quick, Quick, maxParallelOutputs, models);
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

    /// <summary>One Kling video step on its own (fal, then WaveSpeed), as the job orchestration would start it.</summary>
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
