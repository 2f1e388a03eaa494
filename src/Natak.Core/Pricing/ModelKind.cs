namespace Natak.Core.Pricing;

/// <summary>
/// What a catalogue model does. Users choose <see cref="Image"/> and <see cref="Video"/> models; the others
/// serve pipeline steps (catalogue section <c>pipeline</c>). Spelled in kebab case in the catalogue.
/// </summary>
public enum ModelKind
{
    Prompt,
    Training,
    Image,
    Video,
    Pose,
    Depth,
    Segment,
    Inpaint,
    Refine,
    Upscale,
    ExtractFrame,
    Storage,
}
