namespace Natak.Core.Pricing;

/// <summary>
/// The features of a planned output that credit rules match on (catalogue <c>features</c>, <c>anyFeature</c>,
/// <c>noFeatures</c>). Stable names: the catalogue refers to them.
/// </summary>
public static class OutputFeatures
{
    /// <summary>An idea is expanded into a prompt by the prompt model.</summary>
    public const string Idea = "idea";

    /// <summary>A character's LoRA is applied.</summary>
    public const string Character = "character";

    /// <summary>Image: an existing image is edited (<c>sourceImageUrl</c>).</summary>
    public const string Edit = "edit";

    /// <summary>Image: a pose or depth control map feeds generation.</summary>
    public const string Control = "control";

    /// <summary>Image: the clothing change (segmentation + inpainting).</summary>
    public const string Outfit = "outfit";

    /// <summary>Image: upscaled.</summary>
    public const string Upscale = "upscale";

    /// <summary>Video: with a sound track.</summary>
    public const string Audio = "audio";

    /// <summary>Video: generated without a start image.</summary>
    public const string TextToVideo = "text-to-video";

    /// <summary>Video: animated from a driving video.</summary>
    public const string DrivingVideo = "driving-video";

    public static IReadOnlyList<string> All { get; } =
        [Idea, Character, Edit, Control, Outfit, Upscale, Audio, TextToVideo, DrivingVideo];

    /// <summary>
    /// The features that only add to an output of the same model, resolution and duration — a variant with fewer of
    /// them must never cost more credits. The others (edit, text-to-video, driving-video) choose how it is made.
    /// </summary>
    public static IReadOnlyList<string> AddOns { get; } = [Idea, Character, Control, Outfit, Upscale, Audio];
}
