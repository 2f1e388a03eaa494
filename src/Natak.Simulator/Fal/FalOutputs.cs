using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>fal's output JSON for each <see cref="OutputShape"/>, pointing at the generated files.</summary>
internal static class FalOutputs
{
    public static JsonObject Shape(SimJob job, IReadOnlyList<GeneratedFile> files, TimeSpan inference)
    {
        var seed = job.Plan switch
        {
            ImagesPlan images => (long?)images.Seed,
            VideoPlan video => video.Seed,
            _ => null,
        };

        switch (job.Model.Shape)
        {
            case OutputShape.Images:
                return new JsonObject
                {
                    ["images"] = Array(files.Select(Image)),
                    ["timings"] = new JsonObject { ["inference"] = Math.Round(inference.TotalSeconds, 3) },
                    ["seed"] = seed,
                    ["has_nsfw_concepts"] = Array(files.Select(_ => (JsonNode?)false)),
                    ["prompt"] = (job.Plan as ImagesPlan)?.Prompt,
                };

            case OutputShape.ImagesWithDescription:
                return new JsonObject { ["images"] = Array(files.Select(Image)), ["description"] = "" };

            case OutputShape.Image:
                return new JsonObject { ["image"] = Image(files[0]) };

            case OutputShape.ImageWithSeed:
                return new JsonObject { ["image"] = Image(files[0]), ["seed"] = seed };

            case OutputShape.Masks:
                return new JsonObject
                {
                    ["masks"] = Array(files.Select(Image)),
                    ["scores"] = Array(files.Select(_ => (JsonNode?)0.97)),
                };

            case OutputShape.Frames:
                return new JsonObject { ["images"] = Array(files.Select(Image)) };

            case OutputShape.Video:
                return new JsonObject { ["video"] = File(files[0]) };

            case OutputShape.VideoWithSeed:
                return new JsonObject { ["video"] = File(files[0]), ["seed"] = seed };

            case OutputShape.VideoWithMetadata:
                var video = File(files[0]);
                var spec = files[0].Video!;
                video["width"] = spec.Width;
                video["height"] = spec.Height;
                video["fps"] = spec.Fps;
                video["duration"] = spec.Seconds;
                video["num_frames"] = spec.FrameCount;
                return new JsonObject { ["video"] = video, ["seed"] = seed };

            case OutputShape.Training:
                return new JsonObject { ["diffusers_lora_file"] = File(files[0]), ["config_file"] = File(files[1]) };

            default:
                throw new InvalidOperationException($"unknown output shape {job.Model.Shape}");
        }
    }

    private static JsonObject File(GeneratedFile file) => new()
    {
        ["url"] = file.Url,
        ["content_type"] = file.File.ContentType,
        ["file_name"] = file.File.FileName,
        ["file_size"] = file.Size,
    };

    private static JsonNode Image(GeneratedFile file)
    {
        var image = File(file);
        image["width"] = file.Width;
        image["height"] = file.Height;
        return image;
    }

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);
}
