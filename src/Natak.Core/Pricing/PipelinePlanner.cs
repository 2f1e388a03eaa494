using Natak.Core.Jobs;
using Natak.Core.Requests;

namespace Natak.Core.Pricing;

/// <summary>
/// Turns a validated request into the <see cref="PipelinePlan"/> workflows execute and quotes price. The request
/// must have passed <see cref="RequestValidator"/>; the planner trusts it and fills in the catalogue's defaults.
/// </summary>
public sealed class PipelinePlanner(PricingCatalog catalog)
{
    /// <summary>The placeholder in the catalogue's reference prompts replaced by the character's trigger word.</summary>
    public const string TriggerWordToken = "{triggerWord}";

    public PipelinePlan Plan(IMediaRequest request) => request switch
    {
        CharacterRequest character => Plan(character),
        ImageRequest image => Plan(image),
        VideoRequest video => Plan(video),
        null => throw new ArgumentNullException(nameof(request)),
        _ => throw new ArgumentException($"Unknown request type {request.GetType().Name}.", nameof(request)),
    };

    /// <summary>
    /// Package the photos into a zip (when the request gives photos, not a zip), training, one reference image per
    /// catalogue reference prompt, and a month of storage (accounting only).
    /// </summary>
    public PipelinePlan Plan(CharacterRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = catalog.Character;
        var steps = RequestDefaults.TrainingSteps(catalog, request);
        var triggerWord = RequestDefaults.TriggerWord(request);
        var plan = new PlanBuilder(catalog, JobKind.Character, RequestDefaults.Rating(catalog, null));
        plan.Quantities[CreditQuantities.TrainingSteps] = steps;

        var photos = request.ImageUrls is { } urls ? plan.PackagePhotos(urls) : StepInput.Literal(request.ImagesZipUrl!);
        var lora = plan.Shared(PlanStepNames.Train, catalog.Pipeline.Training, EndpointVariants.Default, Units.TrainingSteps(steps), new()
        {
            [InputNames.ImagesZip] = photos,
            [InputNames.TriggerWord] = StepInput.Literal(triggerWord),
            [InputNames.Steps] = StepInput.Literal(steps),
        }, result: ResultPart.CharacterLora);

        for (var i = 0; i < settings.ReferencePrompts.Count; i++)
        {
            plan.Shared(PlanStepNames.Reference, catalog.Pipeline.Reference, EndpointVariants.Lora, Units.Image(settings.ReferenceSize), new()
            {
                [InputNames.Prompt] = StepInput.Literal(settings.ReferencePrompts[i].Replace(TriggerWordToken, triggerWord, StringComparison.Ordinal)),
                [InputNames.Size] = StepInput.Literal(settings.ReferenceSize.ToString()),
                [InputNames.Lora] = lora,
            }, id: $"{PlanStepNames.Reference}-{i + 1}", result: ResultPart.CharacterReference);
        }

        plan.Accounting(PlanStepNames.Storage, catalog.Pipeline.Storage, Units.Storage(catalog.Estimates.CharacterStorageGbMonths));
        return plan.Build(model: null, resolution: null, outputCount: 1, prompt: null);
    }

    /// <summary>
    /// Shared: prompt (for an idea), control map. Per image: generate (or refine an edited source), then segment and
    /// inpaint for an outfit, then upscale.
    /// </summary>
    public PipelinePlan Plan(ImageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = catalog.Model(RequestDefaults.ImageModel(catalog, request));
        var size = RequestDefaults.Size(model, request);
        var plan = new PlanBuilder(catalog, JobKind.Image, RequestDefaults.Rating(catalog, request.Rating));
        // A clothing change of a given photo inpaints the outfit description: there is no prompt to write.
        var prompt = RequestDefaults.ChangesOutfitOfSource(request) ? null : plan.PromptInput(request.Prompt, request.Idea);
        var lora = plan.CharacterLora(request.CharacterId);

        StepInput? controlImage = null;
        if (request.Control is { } control)
        {
            var pose = control.Pose == true;
            var name = pose ? PlanStepNames.Pose : PlanStepNames.Depth;
            plan.Features.Add(OutputFeatures.Control);
            plan.Shared(name, pose ? catalog.Pipeline.Pose : catalog.Pipeline.Depth, EndpointVariants.Default, Units.Request(), new()
            {
                [InputNames.Image] = StepInput.Literal(control.ImageUrl!),
            });
            controlImage = StepInput.FromStep(name);
        }

        StepInput image;
        if (request.SourceImageUrl is { } source)
        {
            plan.Features.Add(OutputFeatures.Edit);
            image = StepInput.Literal(source);
            if (request.Outfit is null)
            {
                image = plan.PerOutput(PlanStepNames.Refine, catalog.Pipeline.Refine, lora is null ? EndpointVariants.Default : EndpointVariants.Lora,
                    Units.Image(size), With(new() { [InputNames.Prompt] = prompt!, [InputNames.Image] = image }, InputNames.Lora, lora));
            }
        }
        else
        {
            var inputs = new Dictionary<string, StepInput>
            {
                [InputNames.Prompt] = prompt!,
                [InputNames.Size] = StepInput.Literal(size.ToString()),
            };
            With(inputs, InputNames.Seed, request.Seed is { } seed ? StepInput.Literal(seed) : null);
            With(inputs, InputNames.Lora, lora);
            With(inputs, InputNames.ControlImage, controlImage);
            image = plan.PerOutput(PlanStepNames.Generate, model.Key, EndpointVariants.ForImage(lora is not null, controlImage is not null),
                Units.Image(size), inputs);
        }

        if (request.Outfit is { } outfit)
        {
            plan.Features.Add(OutputFeatures.Outfit);
            var mask = plan.PerOutput(PlanStepNames.Segment, catalog.Pipeline.Segment, EndpointVariants.Default, Units.Request(), new()
            {
                [InputNames.Image] = image,
                [InputNames.SegmentPrompt] = StepInput.Literal(RequestDefaults.OutfitSegment(catalog, outfit)),
            });
            image = plan.PerOutput(PlanStepNames.Inpaint, lora is null ? catalog.Pipeline.Inpaint : catalog.Pipeline.CharacterInpaint,
                EndpointVariants.Default, Units.Image(size), With(new()
                {
                    [InputNames.Prompt] = StepInput.Literal(outfit.Description!),
                    [InputNames.Image] = image,
                    [InputNames.Mask] = mask,
                }, InputNames.Lora, lora));
        }

        if (request.Upscale is { } factor)
        {
            plan.Features.Add(OutputFeatures.Upscale);
            plan.PerOutput(PlanStepNames.Upscale, catalog.Pipeline.Upscale, EndpointVariants.Default, Units.Image(size.Scale(factor)), new()
            {
                [InputNames.Image] = image,
                [InputNames.UpscaleFactor] = StepInput.Literal(factor),
            });
        }

        return plan.Build(model.Key, resolution: null, request.Count ?? 1, request.Prompt);
    }

    /// <summary>
    /// Shared: prompt (for an idea). Then the start frame (given, a character reference image, or — for an animate
    /// model without one — the driving video's first frame refined), then the video or animate step.
    /// </summary>
    public PipelinePlan Plan(VideoRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = catalog.Model(RequestDefaults.VideoModel(catalog, request));
        var resolution = RequestDefaults.Resolution(model, request);
        var plan = new PlanBuilder(catalog, JobKind.Video, RequestDefaults.Rating(catalog, request.Rating));
        var prompt = plan.PromptInput(request.Prompt, request.Idea);
        var start = request.ImageUrl is { } imageUrl ? StepInput.Literal(imageUrl) : null;
        if (plan.CharacterLora(request.CharacterId) is { } lora)
        {
            var size = catalog.Video.ReferenceSize;
            start = plan.PerOutput(PlanStepNames.Reference, catalog.Pipeline.Reference, EndpointVariants.Lora, Units.Image(size), new()
            {
                [InputNames.Prompt] = prompt,
                [InputNames.Size] = StepInput.Literal(size.ToString()),
                [InputNames.Lora] = lora,
            }, ResultPart.StartFrame);
        }

        if (model.Parameters.DrivingVideo)
        {
            plan.Features.Add(OutputFeatures.DrivingVideo);
            var driving = StepInput.Literal(request.DrivingVideoUrl!);
            if (start is null)
            {
                // The animate workaround (cost breakdown §4.1): the driving video's frame, refined, is the start image.
                var frame = plan.PerOutput(PlanStepNames.ExtractFrame, catalog.Pipeline.ExtractFrame, EndpointVariants.Default, Units.Request(), new()
                {
                    [InputNames.Video] = driving,
                    [InputNames.FrameType] = StepInput.Literal(catalog.Video.ExtractFrame),
                });
                start = plan.PerOutput(PlanStepNames.Refine, catalog.Pipeline.Refine, EndpointVariants.Default, Units.Request(), new()
                {
                    [InputNames.Prompt] = prompt,
                    [InputNames.Image] = frame,
                }, ResultPart.StartFrame);
            }

            plan.PerOutput(PlanStepNames.Animate, model.Key, EndpointVariants.Animate, Units.Video(0, resolution, audio: false), new()
            {
                [InputNames.Image] = start,
                [InputNames.Video] = driving,
                [InputNames.Resolution] = StepInput.Literal(resolution),
            });
            return plan.Build(model.Key, resolution, outputCount: 1, request.Prompt);
        }

        var duration = RequestDefaults.Duration(model, request) ?? 0;
        var audio = request.Audio ?? false;
        plan.Quantities[CreditQuantities.Seconds] = duration;
        if (audio)
        {
            plan.Features.Add(OutputFeatures.Audio);
        }

        if (start is null)
        {
            plan.Features.Add(OutputFeatures.TextToVideo);
        }

        plan.PerOutput(PlanStepNames.Video, model.Key, start is null ? EndpointVariants.TextToVideo : EndpointVariants.ImageToVideo,
            Units.Video(duration, resolution, audio), With(new()
            {
                [InputNames.Prompt] = prompt,
                [InputNames.Duration] = StepInput.Literal(duration),
                [InputNames.Resolution] = StepInput.Literal(resolution),
                [InputNames.Audio] = StepInput.Literal(audio),
            }, InputNames.Image, start));
        return plan.Build(model.Key, resolution, outputCount: 1, request.Prompt);
    }

    private static Dictionary<string, StepInput> With(Dictionary<string, StepInput> inputs, string name, StepInput? value)
    {
        if (value is not null)
        {
            inputs[name] = value;
        }

        return inputs;
    }
}
