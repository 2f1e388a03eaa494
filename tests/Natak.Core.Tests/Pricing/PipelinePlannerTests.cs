using Natak.Core.Pricing;
using Natak.Core.Requests;

namespace Natak.Core.Tests.Pricing;

public class PipelinePlannerTests
{
    private static readonly PipelinePlanner Planner = Catalogs.Planner;

    [Fact]
    public void A_premium_image_chains_each_step_to_the_output_of_the_one_before()
    {
        var plan = Planner.Plan(Requests.PremiumImage() with { Count = 3, Seed = 7 });

        Assert.Equal(["prompt"], plan.SharedSteps.Select(s => s.Id));
        Assert.Equal(["generate", "segment", "inpaint", "upscale"], plan.OutputSteps.Select(s => s.Id));
        Assert.Equal(3, plan.OutputCount);
        var generate = plan.OutputSteps[0];
        Assert.Equal(StepInput.FromStep("prompt"), generate.Inputs[InputNames.Prompt]);
        Assert.Equal(StepInput.Literal("1024x1024"), generate.Inputs[InputNames.Size]);
        Assert.Equal(StepInput.Literal(7), generate.Inputs[InputNames.Seed]);
        Assert.Equal(("fal", "fal-ai/z-image/turbo"), (generate.Provider, generate.ProviderModelId));
        var segment = plan.OutputSteps[1];
        Assert.Equal(StepInput.FromStep("generate"), segment.Inputs[InputNames.Image]);
        Assert.Equal(StepInput.Literal("clothing"), segment.Inputs[InputNames.SegmentPrompt]);
        var inpaint = plan.OutputSteps[2];
        Assert.Equal("z-image-inpaint", inpaint.ModelKey);
        Assert.Equal(StepInput.FromStep("segment"), inpaint.Inputs[InputNames.Mask]);
        Assert.Equal(StepInput.Literal("red summer dress"), inpaint.Inputs[InputNames.Prompt]);
        var upscale = plan.OutputSteps[3];
        Assert.Equal(StepInput.FromStep("inpaint"), upscale.Inputs[InputNames.Image]);
        Assert.Equal(26.2144m, upscale.Units.Megapixels);

        // What each step is comes from the plan, not from its name: the prompt step writes the prompt, the rest
        // are provider calls whose catalogue model kinds decide their waits and outputs; none feeds a result part.
        Assert.Equal((StepKind.Prompt, ModelKind.Prompt), (plan.SharedSteps[0].Kind, plan.SharedSteps[0].ModelKind));
        Assert.Equal(
            [(StepKind.ProviderCall, ModelKind.Image), (StepKind.ProviderCall, ModelKind.Segment), (StepKind.ProviderCall, ModelKind.Inpaint), (StepKind.ProviderCall, ModelKind.Upscale)],
            plan.OutputSteps.Select(s => (s.Kind, s.ModelKind!.Value)));
        Assert.All(plan.OutputSteps, s => Assert.Equal(ResultPart.None, s.Result));
    }

    [Fact]
    public void A_character_image_with_a_control_map_uses_the_controlnet_lora_endpoint_and_runs_the_map_once()
    {
        var plan = Planner.Plan(new ImageRequest
        {
            Prompt = "dancing",
            CharacterId = "chr_maya",
            Count = 2,
            Control = new ControlOptions { ImageUrl = "https://img.example.com/pose.jpg", Pose = true },
            Outfit = new OutfitOptions { Description = "blue jeans", Segment = "trousers" },
        });

        var pose = Assert.Single(plan.SharedSteps);
        Assert.Equal(("pose", "dwpose", "fal-ai/dwpose"), (pose.Name, pose.ModelKey, pose.ProviderModelId));
        Assert.Equal(StepInput.Literal("https://img.example.com/pose.jpg"), pose.Inputs[InputNames.Image]);
        var generate = plan.OutputSteps[0];
        Assert.Equal(("control-lora", "fal-ai/z-image/turbo/controlnet/lora"), (generate.Variant, generate.ProviderModelId));
        Assert.Equal(StepInput.FromStep("pose"), generate.Inputs[InputNames.ControlImage]);
        Assert.Equal(StepInput.FromCharacter("chr_maya"), generate.Inputs[InputNames.Lora]);
        Assert.Equal(0.0065m * 1.048576m, generate.UnitCostUsd);
        var inpaint = plan.OutputSteps.Single(s => s.Name == "inpaint");
        Assert.Equal(("flux-lora-inpaint", "fal-ai/flux-lora/inpainting"), (inpaint.ModelKey, inpaint.ProviderModelId));
        Assert.Equal(StepInput.FromCharacter("chr_maya"), inpaint.Inputs[InputNames.Lora]);
        Assert.Equal(StepInput.Literal("trousers"), plan.OutputSteps.Single(s => s.Name == "segment").Inputs[InputNames.SegmentPrompt]);
        Assert.Equal("premium-image", plan.OutputType);
        Assert.Equal(pose.UnitCostUsd + 2 * plan.OutputSteps.Sum(s => s.UnitCostUsd), plan.CostUsd);
    }

    [Fact]
    public void An_edit_refines_the_source_image_instead_of_generating()
    {
        var plan = Planner.Plan(new ImageRequest { Prompt = "golden hour light", SourceImageUrl = "https://img.example.com/me.jpg", Upscale = 2 });

        Assert.Equal(["refine", "upscale"], plan.OutputSteps.Select(s => s.Name));
        Assert.Equal(StepInput.Literal("https://img.example.com/me.jpg"), plan.OutputSteps[0].Inputs[InputNames.Image]);
        Assert.Equal(StepInput.Literal("golden hour light"), plan.OutputSteps[0].Inputs[InputNames.Prompt]);
        Assert.Contains(OutputFeatures.Edit, plan.Facts.Features);
        Assert.Equal("golden hour light", plan.Prompt);
    }

    [Fact]
    public void An_outfit_change_of_a_source_image_segments_and_inpaints_it_without_a_prompt()
    {
        var plan = Planner.Plan(new ImageRequest { SourceImageUrl = "https://img.example.com/me.jpg", Outfit = new OutfitOptions { Description = "a navy suit" } });

        Assert.Empty(plan.SharedSteps);
        Assert.Equal(["segment", "inpaint"], plan.OutputSteps.Select(s => s.Name));
        Assert.Equal(StepInput.Literal("https://img.example.com/me.jpg"), plan.OutputSteps[0].Inputs[InputNames.Image]);
        Assert.Equal(StepInput.Literal("https://img.example.com/me.jpg"), plan.OutputSteps[1].Inputs[InputNames.Image]);
        Assert.Equal(StepInput.Literal("a navy suit"), plan.OutputSteps[1].Inputs[InputNames.Prompt]);
        Assert.Null(plan.Prompt);
        Assert.Equal("premium-image", plan.OutputType);
    }

    [Fact]
    public void A_character_plan_trains_then_makes_each_reference_image_with_the_new_lora()
    {
        var plan = Planner.Plan(new CharacterRequest { Name = "Maya Lin", ImagesZipUrl = "https://uploads.example.com/maya.zip", Quality = "standard" });

        Assert.Equal(["train", "reference-1", "reference-2", "reference-3", "reference-4", "storage"], plan.SharedSteps.Select(s => s.Id));
        Assert.Empty(plan.OutputSteps);
        var train = plan.SharedSteps[0];
        Assert.Equal(StepInput.Literal("https://uploads.example.com/maya.zip"), train.Inputs[InputNames.ImagesZip]);
        Assert.Equal(StepInput.Literal("MAYALIN"), train.Inputs[InputNames.TriggerWord]);
        Assert.Equal(StepInput.Literal(1500), train.Inputs[InputNames.Steps]);
        Assert.Equal(3.00m, train.UnitCostUsd);
        var reference = plan.SharedSteps[1];
        Assert.Equal(("reference", "lora", "fal-ai/z-image/turbo/lora"), (reference.Name, reference.Variant, reference.ProviderModelId));
        Assert.Equal(StepInput.FromStep("train"), reference.Inputs[InputNames.Lora]);
        Assert.StartsWith("MAYALIN, ", reference.Inputs[InputNames.Prompt].Value, StringComparison.Ordinal);
        Assert.Equal(("storage", "r2"), (plan.SharedSteps[5].Name, plan.SharedSteps[5].Provider));
        Assert.Equal(75, plan.TotalCredits);
        Assert.Equal(
            [(StepKind.ProviderCall, ResultPart.CharacterLora), .. Enumerable.Repeat((StepKind.ProviderCall, ResultPart.CharacterReference), 4), (StepKind.Accounting, ResultPart.None)],
            plan.SharedSteps.Select(s => (s.Kind, s.Result)));
        Assert.Equal(ModelKind.Training, train.ModelKind);
    }

    [Fact]
    public void Training_from_photo_urls_packages_them_first_in_a_step_of_its_own_at_no_cost()
    {
        var plan = Planner.Plan(Requests.NewCharacter());

        Assert.Equal(["package", "train", "reference-1", "reference-2", "reference-3", "reference-4", "storage"], plan.SharedSteps.Select(s => s.Id));
        var package = plan.SharedSteps[0];
        Assert.Equal((StepKind.PackagePhotos, null, null, 0m), (package.Kind, package.ModelKey, package.ModelKind, package.UnitCostUsd));
        Assert.Equal(("natak", "package"), (package.Provider, package.ProviderModelId));
        Assert.Equal(Requests.NewCharacter().ImageUrls, package.Inputs[InputNames.ImageUrls].Values);
        var train = plan.SharedSteps[1];
        Assert.Equal(StepInput.FromStep("package"), train.Inputs[InputNames.ImagesZip]);
        Assert.False(train.Inputs.ContainsKey(InputNames.ImageUrls));
        Assert.Equal(50, plan.TotalCredits);
    }

    [Fact]
    public void A_character_video_generates_a_reference_start_frame_first()
    {
        var plan = Planner.Plan(Requests.PremiumVideo());

        Assert.Equal(["reference", "video"], plan.OutputSteps.Select(s => s.Name));
        Assert.Equal(ResultPart.StartFrame, plan.OutputSteps[0].Result);
        var video = plan.OutputSteps[1];
        Assert.Equal((ModelKind.Video, ResultPart.None), (video.ModelKind, video.Result));
        Assert.Equal(StepInput.FromStep("reference"), video.Inputs[InputNames.Image]);
        Assert.Equal(StepInput.Literal(5), video.Inputs[InputNames.Duration]);
        Assert.Equal(StepInput.Literal(true), video.Inputs[InputNames.Audio]);
        Assert.Equal(EndpointVariants.ImageToVideo, video.Variant);
    }

    [Fact]
    public void Kling_prefers_fal_then_WaveSpeed_and_WAN_prefers_WaveSpeed_then_fal()
    {
        var kling = Planner.Plan(Requests.PremiumVideo()).OutputSteps.Single(s => s.Name == "video");
        var wan = Planner.Plan(Requests.WanVideo()).OutputSteps.Single(s => s.Name == "video");

        Assert.Equal(["fal", "wavespeed"], kling.Endpoints.Select(e => e.Provider));
        Assert.Equal(["kwaivgi/kling-v2.6-pro/image-to-video"], kling.Endpoints.Skip(1).Select(e => e.ModelId));
        Assert.Equal(["wavespeed", "fal"], wan.Endpoints.Select(e => e.Provider));
        Assert.Equal("alibaba/wan-2.5/image-to-video", wan.ProviderModelId);
    }

    [Fact]
    public void A_video_without_a_start_frame_uses_the_text_to_video_endpoint()
    {
        var plan = Planner.Plan(new VideoRequest { Model = "veo-3-fast", Prompt = "waves at dusk" });

        var video = Assert.Single(plan.OutputSteps);
        Assert.Equal(("text-to-video", "fal-ai/veo3.1/fast"), (video.Variant, video.ProviderModelId));
        Assert.False(video.Inputs.ContainsKey(InputNames.Image));
        Assert.Equal(StepInput.Literal(8), video.Inputs[InputNames.Duration]);
        Assert.Equal(StepInput.Literal("720p"), video.Inputs[InputNames.Resolution]);
        Assert.Equal(2.00m, video.UnitCostUsd);
    }

    [Fact]
    public void Animate_without_a_start_image_runs_the_extract_refine_animate_workaround()
    {
        var plan = Planner.Plan(new VideoRequest { Model = "wan-2.2-animate", Idea = "she dances", DrivingVideoUrl = "https://v.example.com/dance.mp4" });

        Assert.Equal(["prompt"], plan.SharedSteps.Select(s => s.Name));
        Assert.Equal(["extract-frame", "refine", "animate"], plan.OutputSteps.Select(s => s.Name));
        var extract = plan.OutputSteps[0];
        Assert.Equal(StepInput.Literal("https://v.example.com/dance.mp4"), extract.Inputs[InputNames.Video]);
        Assert.Equal(StepInput.Literal("first"), extract.Inputs[InputNames.FrameType]);
        Assert.Equal(StepInput.FromStep("extract-frame"), plan.OutputSteps[1].Inputs[InputNames.Image]);
        Assert.Equal([ResultPart.None, ResultPart.StartFrame, ResultPart.None], plan.OutputSteps.Select(s => s.Result));
        var animate = plan.OutputSteps[2];
        Assert.Equal(StepInput.FromStep("refine"), animate.Inputs[InputNames.Image]);
        Assert.Equal(["wavespeed", "fal"], animate.Endpoints.Select(e => e.Provider));
        Assert.InRange(plan.CostUsd, 0.27m, 0.28m); // §4.1: ~$0.27 (+ the prompt)
    }

    [Fact]
    public void Animate_with_a_start_image_animates_it_directly()
    {
        var plan = Planner.Plan(new VideoRequest
        {
            Model = "wan-2.2-animate",
            Prompt = "dance",
            ImageUrl = "https://img.example.com/me.png",
            DrivingVideoUrl = "https://v.example.com/dance.mp4",
            Resolution = "480p",
        });

        var animate = Assert.Single(plan.OutputSteps);
        Assert.Equal(StepInput.Literal("https://img.example.com/me.png"), animate.Inputs[InputNames.Image]);
        Assert.Equal(StepInput.Literal("480p"), animate.Inputs[InputNames.Resolution]);
    }

    [Fact]
    public void A_prompt_step_carries_the_idea_rating_and_purpose()
    {
        var prompt = Planner.Plan(Requests.LtxVideo()).SharedSteps.Single();

        Assert.Equal(StepInput.Literal("she turns and smiles"), prompt.Inputs[InputNames.Idea]);
        Assert.Equal(StepInput.Literal("nsfw"), prompt.Inputs[InputNames.Rating]);
        Assert.Equal(StepInput.Literal("video"), prompt.Inputs[InputNames.Purpose]);
    }
}
