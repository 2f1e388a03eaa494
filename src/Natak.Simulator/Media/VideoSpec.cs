namespace Natak.Simulator;

/// <summary>The shape of a generated MP4.</summary>
internal sealed record VideoSpec(int Width, int Height, double Seconds, int Fps, bool Audio, string Key)
{
    public int FrameCount => (int)Math.Ceiling(Math.Round(Seconds * Mp4Writer.VideoTimescale) / Math.Round((double)Mp4Writer.VideoTimescale / Fps));
}
