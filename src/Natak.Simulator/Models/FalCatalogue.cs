using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>
/// The fal endpoints Natak uses (docs/provider-apis.md §2, the pricing catalogue): required inputs, types, enums
/// and ranges the real schemas enforce, and what each one returns. Unknown fields are ignored, as fal's models do.
/// </summary>
internal static class FalCatalogue
{
    private const int ZImageMinSide = 512;
    private const int ZImageMaxSide = 2048;

    public static IReadOnlyList<ModelSpec> Models { get; } = Build();

    private static List<ModelSpec> Build()
    {
        List<FieldSpec> zImageCommon =
        [
            Field.Prompt(),
            Field.ImageSize(ZImageMinSide, ZImageMaxSide),
            Field.Int("num_inference_steps", 1, 8),
            Field.NumImages(),
            Field.Seed(),
            Field.Bool("enable_safety_checker"),
            Field.Bool("enable_prompt_expansion"),
            Field.Bool("sync_mode"),
            Field.OneOf("output_format", "jpeg", "png", "webp"),
            Field.OneOf("acceleration", "none", "regular", "high"),
        ];
        var loras3 = Field.Loras(maxItems: 3);
        var strength = Field.Num("strength", 0, 1);

        List<FieldSpec> fluxCommon =
        [
            Field.Prompt(),
            Field.ImageSize(),
            Field.Int("num_inference_steps", 1, 50),
            Field.Num("guidance_scale", 0, 35),
            Field.NumImages(),
            Field.Seed(),
            Field.Bool("enable_safety_checker"),
            Field.OneOf("output_format", "jpeg", "png"),
            Field.Loras(),
        ];

        var models = new List<ModelSpec>
        {
            Fal("fal-ai/flux-lora-fast-training", OutputShape.Training, Plans.Training,
                Field.Url("images_data_url", FetchKind.Archive),
                Field.Str("trigger_word"),
                Field.Int("steps", 1, 10000),
                Field.Bool("is_style"),
                Field.Bool("create_masks"),
                Field.Bool("is_input_format_already_preprocessed"),
                Field.Str("data_archive_format")) with { IsTraining = true },

            Fal("fal-ai/z-image/turbo", OutputShape.Images, c => Plans.TextToImage(c, "landscape_4_3"), zImageCommon),
            Fal("fal-ai/z-image/turbo/lora", OutputShape.Images, c => Plans.TextToImage(c, "landscape_4_3"), [.. zImageCommon, loras3]),
            Fal("fal-ai/z-image/turbo/controlnet", OutputShape.Images, c => Plans.LikeInput(c, "image_url"),
                [.. zImageCommon, Field.Url("image_url", FetchKind.Image), Field.Num("control_scale", 0, 2)]),
            Fal("fal-ai/z-image/turbo/controlnet/lora", OutputShape.Images, c => Plans.LikeInput(c, "image_url"),
                [.. zImageCommon, Field.Url("image_url", FetchKind.Image), Field.Num("control_scale", 0, 2), loras3]),
            Fal("fal-ai/z-image/turbo/inpaint", OutputShape.Images, c => Plans.LikeInput(c, "image_url"),
                [.. zImageCommon, Field.Url("image_url", FetchKind.Image), Field.Url("mask_image_url", FetchKind.Image), strength]),
            Fal("fal-ai/z-image/turbo/image-to-image", OutputShape.Images, c => Plans.LikeInput(c, "image_url"),
                [.. zImageCommon, Field.Url("image_url", FetchKind.Image), strength]),

            Fal("fal-ai/flux-lora", OutputShape.Images, c => Plans.TextToImage(c, "landscape_4_3"), fluxCommon),
            Fal("fal-ai/flux-lora/inpainting", OutputShape.Images, c => Plans.LikeInput(c, "image_url"),
                [.. fluxCommon, Field.Url("image_url", FetchKind.Image), Field.Url("mask_url", FetchKind.Image), strength]),
            Fal("fal-ai/lora", OutputShape.Images, c => Plans.TextToImage(c, "square_hd"),
                Field.Str("model_name", required: true),
                Field.Prompt(),
                Field.Str("negative_prompt"),
                Field.ImageSize(),
                Field.Int("num_inference_steps", 1, 150),
                Field.Num("guidance_scale", 0, 20),
                Field.Int("num_images", 1, 8),
                Field.Seed(),
                Field.Loras(),
                Field.Int("clip_skip", 0, 2),
                Field.Str("scheduler"),
                Field.Bool("enable_safety_checker")),

            Fal("fal-ai/nano-banana-pro", OutputShape.ImagesWithDescription, Plans.NanoBanana,
                Field.Prompt(),
                Field.OneOf("aspect_ratio", Plans.NanoBananaAspectRatios),
                Field.OneOf("resolution", "1K", "2K", "4K"),
                Field.NumImages(),
                Field.OneOf("output_format", "jpeg", "png", "webp"),
                Field.Bool("sync_mode")),

            Fal("fal-ai/dwpose", OutputShape.Image, c => Plans.LikeInput(c, "image_url", SceneKind.Pose, honourImageSize: false),
                Field.Url("image_url", FetchKind.Image),
                Field.OneOf("draw_mode", "full-pose", "body-pose", "face-pose", "hand-pose", "face-hand-mask", "face-mask", "hand-mask")),
            Fal("fal-ai/imageutils/depth", OutputShape.Image, c => Plans.LikeInput(c, "image_url", SceneKind.Depth, honourImageSize: false),
                Field.Url("image_url", FetchKind.Image)),
            Fal("fal-ai/sam-3/image", OutputShape.Masks, c => Plans.Masks(c, "image_url"),
                Field.Url("image_url", FetchKind.Image),
                Field.Str("prompt"),
                Field.List("point_prompts"),
                Field.List("box_prompts"),
                Field.Bool("apply_mask"),
                Field.Int("max_masks", 1, 32),
                Field.OneOf("output_format", "png", "jpeg", "webp")),

            Fal("fal-ai/seedvr/upscale/image", OutputShape.ImageWithSeed, Plans.Upscale,
                Field.Url("image_url", FetchKind.Image),
                Field.OneOf("upscale_mode", "factor", "target"),
                Field.Num("upscale_factor", 1, 10),
                Field.OneOf("target_resolution", "720p", "1080p", "1440p", "2160p"),
                Field.Seed(),
                Field.Num("noise_scale", 0, 1),
                Field.OneOf("output_format", "png", "jpg", "webp")),

            Fal("fal-ai/ffmpeg-api/extract-frame", OutputShape.Frames, Plans.ExtractFrame,
                Field.Url("video_url", FetchKind.Video),
                Field.OneOf("frame_type", "first", "middle", "last")),
        };

        models.AddRange(LtxModels());
        models.AddRange(KlingModels());
        models.AddRange(VeoModels());
        models.AddRange(WanModels());
        return models;
    }

    private static IEnumerable<ModelSpec> LtxModels()
    {
        foreach (var (suffix, min, max) in new (string, double, double)[] { ("/fast", 5, 20), ("", 6, 10) })
        {
            foreach (var imageToVideo in new[] { true, false })
            {
                var id = $"fal-ai/ltx-2.3/{(imageToVideo ? "image-to-video" : "text-to-video")}{suffix}";
                List<FieldSpec> fields =
                [
                    Field.Prompt(),
                    Field.Num("duration", min, max),
                    Field.OneOf("resolution", "1080p", "1440p", "2160p"),
                    Field.OneOf("aspect_ratio", "16:9", "9:16"),
                    Field.IntOneOf("fps", 25, 50),
                    Field.Bool("generate_audio"),
                    Field.Seed(),
                ];
                if (imageToVideo)
                {
                    fields.Add(Field.Url("image_url", FetchKind.Image));
                }

                yield return Fal(id, OutputShape.VideoWithMetadata,
                    c => Plans.Video(c, Plans.VideoSize(c, c.Str("resolution"), "1080p", imageToVideo ? "image_url" : null),
                        c.Number("duration") ?? 6, c.Int("fps", 25), c.Bool("generate_audio", true)),
                    fields) with { CrossCheck = LtxLongClipRule };
            }
        }
    }

    /// <summary>LTX-2: clips longer than 10 s only at 25 fps and 1080p (provider-apis.md §2).</summary>
    private static IEnumerable<ValidationIssue> LtxLongClipRule(JsonObject input)
    {
        var duration = input["duration"]?.GetValue<double>() ?? 6;
        var fps = input["fps"]?.GetValue<double>() ?? 25;
        var resolution = input["resolution"]?.GetValue<string>() ?? "1080p";
        if (duration > 10 && (fps != 25 || resolution != "1080p"))
        {
            yield return ValidationIssue.At("duration", "Value error, durations longer than 10 seconds require fps 25 and resolution 1080p", "value_error");
        }
    }

    private static IEnumerable<ModelSpec> KlingModels()
    {
        var duration = Field.OneOf("duration", "5", "10");
        var negative = Field.Str("negative_prompt");
        var cfg = Field.Num("cfg_scale", 0, 1);

        yield return Fal("fal-ai/kling-video/v2.6/pro/image-to-video", OutputShape.Video,
            c => Plans.Video(c, Plans.VideoSize(c, null, "1080p", "start_image_url"), c.StringSeconds("duration", 5), 24, c.Bool("generate_audio", true)),
            Field.Prompt(), Field.Url("start_image_url", FetchKind.Image), duration, Field.Bool("generate_audio"), negative, cfg);
        yield return Fal("fal-ai/kling-video/v2.6/pro/text-to-video", OutputShape.Video,
            c => Plans.Video(c, Plans.VideoSize(c, null, "1080p"), c.StringSeconds("duration", 5), 24, c.Bool("generate_audio", true)),
            Field.Prompt(), duration, Field.OneOf("aspect_ratio", "16:9", "9:16", "1:1"), Field.Bool("generate_audio"), negative, cfg);
        yield return Fal("fal-ai/kling-video/v2.1/pro/image-to-video", OutputShape.Video,
            c => Plans.Video(c, Plans.VideoSize(c, null, "1080p", "image_url"), c.StringSeconds("duration", 5), 24, audio: false),
            Field.Prompt(), Field.Url("image_url", FetchKind.Image), duration, negative, cfg);
    }

    private static IEnumerable<ModelSpec> VeoModels()
    {
        foreach (var tier in new[] { "fal-ai/veo3.1/fast", "fal-ai/veo3.1" })
        {
            foreach (var imageToVideo in new[] { false, true })
            {
                List<FieldSpec> fields =
                [
                    Field.Prompt(),
                    Field.OneOf("duration", "4s", "6s", "8s"),
                    Field.Bool("generate_audio"),
                    Field.OneOf("resolution", "720p", "1080p", "4k"),
                    Field.Str("negative_prompt"),
                    Field.Seed(),
                ];
                fields.Add(imageToVideo ? Field.OneOf("aspect_ratio", "auto", "16:9", "9:16") : Field.OneOf("aspect_ratio", "16:9", "9:16"));
                if (imageToVideo)
                {
                    fields.Add(Field.Url("image_url", FetchKind.Image));
                }

                yield return Fal(imageToVideo ? tier + "/image-to-video" : tier, OutputShape.Video,
                    c => Plans.Video(c, Plans.VideoSize(c, c.Str("resolution"), "720p", (imageToVideo && c.Str("aspect_ratio") is null or "auto") ? "image_url" : null),
                        c.StringSeconds("duration", 8), 24, c.Bool("generate_audio", true)),
                    fields);
            }
        }
    }

    private static IEnumerable<ModelSpec> WanModels()
    {
        yield return Fal("wan/v2.6/image-to-video", OutputShape.VideoWithSeed,
            c => Plans.Video(c, Plans.VideoSize(c, c.Str("resolution"), "1080p", "image_url"), c.StringSeconds("duration", 5), 30, audio: false, withSeed: true),
            Field.Prompt(), Field.Url("image_url", FetchKind.Image), Field.OneOf("duration", "5", "10", "15"),
            Field.OneOf("resolution", "720p", "1080p"), Field.Str("negative_prompt"), Field.Seed());
        yield return Fal("fal-ai/wan-25-preview/image-to-video", OutputShape.VideoWithSeed,
            c => Plans.Video(c, Plans.VideoSize(c, c.Str("resolution"), "1080p", "image_url"), c.StringSeconds("duration", 5), 24, audio: false, withSeed: true),
            Field.Prompt(maxLength: 1500), Field.Url("image_url", FetchKind.Image), Field.OneOf("duration", "5", "10"),
            Field.OneOf("resolution", "480p", "720p", "1080p"), Field.Str("negative_prompt", maxLength: 500), Field.Seed(), Field.Bool("enable_prompt_expansion"));
        yield return Fal("fal-ai/wan/v2.2-14b/animate/move", OutputShape.VideoWithSeed,
            c => Plans.Video(c, Plans.VideoSize(c, c.Str("resolution"), "480p", "image_url"), c.FactsOf("video_url")?.Seconds ?? 5, 24, audio: false, withSeed: true),
            Field.Url("video_url", FetchKind.Video), Field.Url("image_url", FetchKind.Image), Field.OneOf("resolution", "480p", "580p", "720p"),
            Field.Seed(), Field.Int("num_inference_steps", 2, 40));
    }

    private static ModelSpec Fal(string id, OutputShape shape, Func<PlanContext, MediaPlan> plan, params IReadOnlyList<FieldSpec> fields) =>
        new()
        {
            Provider = SimulatorProvider.Fal,
            Id = id,
            Fields = fields,
            Plan = plan,
            Shape = shape,
        };
}
