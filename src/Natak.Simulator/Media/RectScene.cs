namespace Natak.Simulator;

/// <summary>A picture made of axis-aligned rectangles on a background: cheap to paint row by row and compresses to almost nothing.</summary>
internal sealed record RectScene(int Width, int Height, Rgb Background, IReadOnlyList<RectScene.Fill> Rects)
{
    /// <summary>Rows where the painted content can change (top or bottom edge of a rectangle), sorted.</summary>
    public SortedSet<int> RowBoundaries()
    {
        var rows = new SortedSet<int> { 0 };
        foreach (var r in Rects)
        {
            rows.Add(Math.Clamp(r.Y, 0, Height));
            rows.Add(Math.Clamp(r.Y + r.H, 0, Height));
        }

        return rows;
    }

    /// <summary>Paints row <paramref name="y"/> as packed RGB into <paramref name="row"/> (3 bytes per pixel).</summary>
    public void PaintRow(int y, Span<byte> row)
    {
        FillSpan(row, Background);
        foreach (var r in Rects)
        {
            if (y < r.Y || y >= r.Y + r.H)
            {
                continue;
            }

            var x0 = Math.Clamp(r.X, 0, Width);
            var x1 = Math.Clamp(r.X + r.W, 0, Width);
            if (x1 > x0)
            {
                FillSpan(row[(x0 * 3)..(x1 * 3)], r.Color);
            }
        }
    }

    private static void FillSpan(Span<byte> span, Rgb color)
    {
        if (span.Length < 3)
        {
            return;
        }

        span[0] = color.R;
        span[1] = color.G;
        span[2] = color.B;
        var filled = 3;
        while (filled < span.Length)
        {
            var n = Math.Min(filled, span.Length - filled);
            span[..n].CopyTo(span[filled..]);
            filled += n;
        }
    }

    internal readonly record struct Fill(int X, int Y, int W, int H, Rgb Color);
}
