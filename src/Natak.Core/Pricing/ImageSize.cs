using System.Globalization;

namespace Natak.Core.Pricing;

/// <summary>A width × height in pixels, written <c>1024x1024</c> in the catalogue.</summary>
public readonly record struct ImageSize(int Width, int Height)
{
    /// <summary>Megapixels as providers bill them: pixels / 1,000,000 (1024×1024 = 1.048576 MP).</summary>
    public decimal Megapixels => (decimal)Width * Height / 1_000_000m;

    /// <summary>The size scaled by an integer factor on both sides (an upscale).</summary>
    public ImageSize Scale(int factor) => new(Width * factor, Height * factor);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}");

    public static bool TryParse(string? text, out ImageSize size)
    {
        size = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var parts = text.Split('x');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            || width <= 0 || height <= 0)
        {
            return false;
        }

        size = new ImageSize(width, height);
        return true;
    }
}
