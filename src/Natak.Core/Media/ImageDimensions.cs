namespace Natak.Core.Media;

/// <summary>An image's stored pixel size (EXIF orientation is not applied).</summary>
public readonly record struct ImageDimensions(int Width, int Height);
