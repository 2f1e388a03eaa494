namespace Natak.Core.Pricing;

/// <summary>
/// The names of a model's endpoint variants in the catalogue. A model offers one provider endpoint per variant
/// and provider: plain text-to-image, with a LoRA, with a control image, image- or text-to-video, animate.
/// </summary>
public static class EndpointVariants
{
    public const string Default = "default";
    public const string Lora = "lora";
    public const string Control = "control";
    public const string ControlLora = "control-lora";
    public const string ImageToVideo = "image-to-video";
    public const string TextToVideo = "text-to-video";
    public const string Animate = "animate";

    internal static string ForImage(bool lora, bool control) => (lora, control) switch
    {
        (true, true) => ControlLora,
        (true, false) => Lora,
        (false, true) => Control,
        _ => Default,
    };
}
