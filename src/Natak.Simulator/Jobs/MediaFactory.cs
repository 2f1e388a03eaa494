using System.Globalization;

namespace Natak.Simulator;

/// <summary>Turns a job's plan into real files in the <see cref="FileStore"/>.</summary>
internal sealed class MediaFactory(FileStore files)
{
    public IReadOnlyList<GeneratedFile> Produce(SimJob job) => job.Plan switch
    {
        ImagesPlan images => images.Images.Select((target, i) => Image(job, target, i)).ToList(),
        VideoPlan video => [Video(job, video.Video)],
        TrainingPlan training => Training(job, training),
        _ => throw new InvalidOperationException($"no producer for {job.Plan.GetType().Name}"),
    };

    private GeneratedFile Image(SimJob job, ImageTarget target, int index)
    {
        var png = PngEncoder.Encode(SceneFactory.Create(target.Scene, target.Width, target.Height, target.Key));
        var name = (target.Scene == SceneKind.Mask ? "mask-" : "image-") + index.ToString(CultureInfo.InvariantCulture) + ".png";
        var stored = files.Add(job.Provider, name, "image/png", png, job.Model.Id, job.Id);
        return new GeneratedFile(stored, job.UrlOf(stored), target.Width, target.Height);
    }

    private GeneratedFile Video(SimJob job, VideoSpec spec)
    {
        var stored = files.Add(job.Provider, "output.mp4", "video/mp4", Mp4Writer.Write(spec), job.Model.Id, job.Id);
        return new GeneratedFile(stored, job.UrlOf(stored), spec.Width, spec.Height, spec);
    }

    private List<GeneratedFile> Training(SimJob job, TrainingPlan plan)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = "pt",
            ["generator"] = "natak-simulator",
            ["steps"] = plan.Steps.ToString(CultureInfo.InvariantCulture),
            ["trigger_word"] = plan.TriggerWord ?? "",
        };
        var lora = files.Add(job.Provider, "pytorch_lora_weights.safetensors", "application/octet-stream",
            SafetensorsWriter.Write(metadata, plan.Key), job.Model.Id, job.Id);
        var config = files.Add(job.Provider, "config.json", "application/json",
            WireJson.Bytes(plan.Config), job.Model.Id, job.Id);
        return [new GeneratedFile(lora, job.UrlOf(lora)), new GeneratedFile(config, job.UrlOf(config))];
    }
}
