namespace Natak.Simulator;

/// <summary>Deterministic pictures: the same key (prompt, seed, index…) always gives the same scene.</summary>
internal static class SceneFactory
{
    public static RectScene Create(SceneKind kind, int width, int height, string key)
    {
        var random = new DeterministicBytes(key);
        return kind switch
        {
            SceneKind.Pose => Pose(width, height, random),
            SceneKind.Depth => Depth(width, height, random),
            SceneKind.Mask => Mask(width, height, random),
            _ => Picture(width, height, random),
        };
    }

    /// <summary>An 8×8 grid of colour blocks with a centred "subject" block.</summary>
    private static RectScene Picture(int width, int height, DeterministicBytes random)
    {
        const int Cells = 8;
        var rects = new List<RectScene.Fill>(Cells * Cells + 1);
        for (var row = 0; row < Cells; row++)
        {
            var y0 = row * height / Cells;
            var y1 = (row + 1) * height / Cells;
            for (var col = 0; col < Cells; col++)
            {
                var x0 = col * width / Cells;
                var x1 = (col + 1) * width / Cells;
                rects.Add(new RectScene.Fill(x0, y0, x1 - x0, y1 - y0, random.NextColor()));
            }
        }

        rects.Add(new RectScene.Fill(width * 3 / 8, height / 4, width / 4, height / 2, random.NextColor()));
        return new RectScene(width, height, random.NextColor(), rects);
    }

    /// <summary>A stick figure of coloured bars on black, like an OpenPose rendering.</summary>
    private static RectScene Pose(int width, int height, DeterministicBytes random)
    {
        var unit = Math.Max(1, Math.Min(width, height) / 40);
        var cx = width / 2 + random.Next(Math.Max(1, width / 10)) - width / 20;
        var top = height / 8;
        var rects = new List<RectScene.Fill>
        {
            new(cx - 3 * unit, top, 6 * unit, 6 * unit, new Rgb(255, 0, 0)), // head
            new(cx - unit / 2, top + 6 * unit, Math.Max(1, unit), height / 3, new Rgb(255, 170, 0)), // torso
            new(cx - width / 4, top + 9 * unit, width / 2, Math.Max(1, unit), new Rgb(0, 255, 0)), // arms
            new(cx - 4 * unit, top + 6 * unit + height / 3, Math.Max(1, unit), height / 3, new Rgb(0, 85, 255)), // left leg
            new(cx + 4 * unit, top + 6 * unit + height / 3, Math.Max(1, unit), height / 3, new Rgb(170, 0, 255)), // right leg
        };
        return new RectScene(width, height, Rgb.Black, rects);
    }

    /// <summary>Horizontal bands from far (dark, top) to near (light, bottom) with a bright subject.</summary>
    private static RectScene Depth(int width, int height, DeterministicBytes random)
    {
        const int Bands = 16;
        var rects = new List<RectScene.Fill>(Bands + 1);
        for (var i = 0; i < Bands; i++)
        {
            var y0 = i * height / Bands;
            var y1 = (i + 1) * height / Bands;
            rects.Add(new RectScene.Fill(0, y0, width, y1 - y0, Rgb.Gray((byte)(40 + i * 10))));
        }

        var subjectWidth = width / 3 + random.Next(Math.Max(1, width / 8));
        rects.Add(new RectScene.Fill((width - subjectWidth) / 2, height / 5, subjectWidth, height * 3 / 5, Rgb.Gray(235)));
        return new RectScene(width, height, Rgb.Black, rects);
    }

    /// <summary>A white region on black, as a segmentation mask.</summary>
    private static RectScene Mask(int width, int height, DeterministicBytes random)
    {
        var w = width / 3 + random.Next(Math.Max(1, width / 4));
        var h = height / 3 + random.Next(Math.Max(1, height / 4));
        var rects = new List<RectScene.Fill> { new((width - w) / 2, (height - h) / 2, w, h, Rgb.White) };
        return new RectScene(width, height, Rgb.Black, rects);
    }
}
