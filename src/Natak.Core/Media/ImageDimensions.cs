namespace Natak.Core.Media;

/// <summary>An image's stored pixel size and its format (EXIF orientation is not applied).</summary>
public readonly record struct ImageDimensions(int Width, int Height, string ContentType)
{
    /// <summary>Pixels / 1,000,000, as providers bill megapixels.</summary>
    public decimal Megapixels => (decimal)Width * Height / 1_000_000m;
}
