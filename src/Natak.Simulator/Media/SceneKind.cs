namespace Natak.Simulator;

/// <summary>What a generated image depicts, so pose maps, depth maps and masks look the part.</summary>
internal enum SceneKind
{
    Picture,
    Pose,
    Depth,
    Mask,
}
