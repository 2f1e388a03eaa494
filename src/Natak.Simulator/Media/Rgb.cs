namespace Natak.Simulator;

internal readonly record struct Rgb(byte R, byte G, byte B)
{
    public static readonly Rgb Black = new(0, 0, 0);
    public static readonly Rgb White = new(255, 255, 255);

    public static Rgb Gray(byte level) => new(level, level, level);
}
