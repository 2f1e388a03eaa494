namespace Natak.Core.Pricing;

/// <summary>
/// The logical names of step inputs. Plan steps carry their inputs under these names; the catalogue maps each
/// provider endpoint's fields from them (<c>"image": "start_image_url"</c>), so workflows never spell a provider
/// field. These names are a durable contract: never rename one.
/// </summary>
public static class InputNames
{
    public const string Prompt = "prompt";
    public const string Image = "image";
    public const string Mask = "mask";
    public const string ControlImage = "controlImage";
    public const string Video = "video";
    public const string ImagesZip = "imagesZip";
    public const string Lora = "lora";
    public const string Size = "size";
    public const string Seed = "seed";
    public const string Steps = "steps";
    public const string TriggerWord = "triggerWord";
    public const string Duration = "duration";
    public const string Resolution = "resolution";
    public const string Audio = "audio";
    public const string UpscaleFactor = "upscaleFactor";
    public const string SegmentPrompt = "segmentPrompt";
    public const string FrameType = "frameType";

    /// <summary>Workflow-only inputs: never mapped to a provider field.</summary>
    public const string Idea = "idea";
    public const string Rating = "rating";
    public const string Purpose = "purpose";
    public const string ImageUrls = "imageUrls";

    private static readonly Dictionary<string, InputFormat> MappableDefaults = new(StringComparer.Ordinal)
    {
        [Prompt] = InputFormat.String,
        [Image] = InputFormat.String,
        [Mask] = InputFormat.String,
        [ControlImage] = InputFormat.String,
        [Video] = InputFormat.String,
        [ImagesZip] = InputFormat.String,
        [Lora] = InputFormat.LoraList,
        [Size] = InputFormat.SizeObject,
        [Seed] = InputFormat.Integer,
        [Steps] = InputFormat.Integer,
        [TriggerWord] = InputFormat.String,
        [Duration] = InputFormat.Integer,
        [Resolution] = InputFormat.String,
        [Audio] = InputFormat.Boolean,
        [UpscaleFactor] = InputFormat.Integer,
        [SegmentPrompt] = InputFormat.String,
        [FrameType] = InputFormat.String,
    };

    /// <summary>The names a catalogue endpoint may map to provider fields.</summary>
    public static IReadOnlyCollection<string> Mappable => MappableDefaults.Keys;

    /// <summary>The format used when the catalogue maps a name with the short form <c>"name": "field"</c>.</summary>
    public static bool TryGetDefaultFormat(string name, out InputFormat format) =>
        MappableDefaults.TryGetValue(name, out format);
}
