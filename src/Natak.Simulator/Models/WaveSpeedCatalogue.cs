namespace Natak.Simulator;

/// <summary>
/// The WaveSpeed endpoints Natak uses (docs/provider-apis.md §3, the pricing catalogue). WaveSpeed names inputs
/// <c>image</c>/<c>video</c>/<c>sound</c> and takes <c>duration</c> as an integer. Defaults for omitted fields (sound off, 720p) are the simulator's choice.
/// </summary>
internal static class WaveSpeedCatalogue
{
    public static IReadOnlyList<ModelSpec> Models { get; } = Build();

    private static List<ModelSpec> Build()
    {
        var duration5or10 = Field.IntOneOf("duration", 5, 10);
        var negative = Field.Str("negative_prompt");
        return
        [
            WaveSpeed("kwaivgi/kling-v2.6-pro/image-to-video",
                c => Plans.Video(c, Plans.VideoSize(c, null, "1080p", "image"), c.Int("duration", 5), 24, c.Bool("sound", false)),
                Field.Url("image", FetchKind.Image), Field.Prompt(), duration5or10, Field.Bool("sound"), negative, Field.Num("cfg_scale", 0, 1)),
            WaveSpeed("kwaivgi/kling-v2.6-pro/text-to-video",
                c => Plans.Video(c, Plans.VideoSize(c, null, "1080p"), c.Int("duration", 5), 24, c.Bool("sound", false)),
                Field.Prompt(), duration5or10, Field.OneOf("aspect_ratio", "16:9", "9:16", "1:1"), Field.Bool("sound"), negative, Field.Num("cfg_scale", 0, 1)),
            WaveSpeed("kwaivgi/kling-v2.1-i2v-pro",
                c => Plans.Video(c, Plans.VideoSize(c, null, "1080p", "image"), c.Int("duration", 5), 24, audio: false),
                Field.Url("image", FetchKind.Image), Field.Prompt(), duration5or10, negative, Field.Num("guidance_scale", 0, 1)),
            WaveSpeed("alibaba/wan-2.6/image-to-video",
                c => Plans.Video(c, Plans.VideoSize(c, c.Str("resolution"), "720p", "image"), c.Int("duration", 5), 30, audio: false),
                Field.Url("image", FetchKind.Image), Field.Prompt(), Field.IntOneOf("duration", 5, 10, 15), Field.OneOf("resolution", "720p", "1080p"), negative, Field.Seed()),
            WaveSpeed("alibaba/wan-2.5/image-to-video",
                c => Plans.Video(c, Plans.VideoSize(c, c.Str("resolution"), "720p", "image"), c.Int("duration", 5), 24, audio: false),
                Field.Url("image", FetchKind.Image), Field.Prompt(), duration5or10, Field.OneOf("resolution", "480p", "720p", "1080p"), negative, Field.Seed()),
            WaveSpeed("wavespeed-ai/wan-2.2/animate",
                c => Plans.Video(c, Plans.VideoSize(c, c.Str("resolution"), "480p", "image"), c.FactsOf("video")?.Seconds ?? 5, 24, audio: false),
                Field.Url("image", FetchKind.Image), Field.Url("video", FetchKind.Video), Field.Str("prompt"), Field.OneOf("resolution", "480p", "720p"), Field.Seed()),
        ];
    }

    private static ModelSpec WaveSpeed(string id, Func<PlanContext, MediaPlan> plan, params IReadOnlyList<FieldSpec> fields) =>
        new()
        {
            Provider = SimulatorProvider.WaveSpeed,
            Id = id,
            Fields = fields,
            Plan = plan,
            Shape = OutputShape.Video,
        };
}
