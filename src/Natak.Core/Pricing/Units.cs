namespace Natak.Core.Pricing;

/// <summary>
/// The measured (or estimated) quantities of one provider call. A price picks the quantity its unit bills:
/// a per-megapixel price reads <see cref="Megapixels"/>, a per-second price <see cref="Seconds"/> (and
/// <see cref="Resolution"/>/<see cref="Audio"/> to choose its rate), and so on. The same record carries an
/// estimate in a quote and the actual figures of a delivered output.
/// </summary>
public sealed record Units
{
    public static readonly Units None = new();

    /// <summary>Provider requests made (per-request prices).</summary>
    public int Requests { get; init; }

    /// <summary>Images delivered (per-image prices).</summary>
    public int Images { get; init; }

    /// <summary>Megapixels of the delivered image(s), pixels / 1,000,000 (per-megapixel prices).</summary>
    public decimal Megapixels { get; init; }

    /// <summary>Training steps (per-step prices).</summary>
    public int Steps { get; init; }

    /// <summary>Seconds of delivered video.</summary>
    public decimal Seconds { get; init; }

    /// <summary>Video resolution such as <c>1080p</c>, when the per-second rate depends on it.</summary>
    public string? Resolution { get; init; }

    /// <summary>Whether the video has a sound track, when the per-second rate depends on it.</summary>
    public bool Audio { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    /// <summary>Gigabyte-months of storage.</summary>
    public decimal GbMonths { get; init; }

    public static Units Request(int count = 1) => new() { Requests = count };

    /// <summary>One request that delivered <paramref name="count"/> images of the given size.</summary>
    public static Units Image(int width, int height, int count = 1) => new()
    {
        Requests = 1,
        Images = count,
        Megapixels = new ImageSize(width, height).Megapixels * count,
    };

    public static Units Image(ImageSize size, int count = 1) => Image(size.Width, size.Height, count);

    public static Units Video(decimal seconds, string? resolution, bool audio) => new()
    {
        Requests = 1,
        Seconds = seconds,
        Resolution = resolution,
        Audio = audio,
    };

    public static Units Tokens(long inputTokens, long outputTokens) => new()
    {
        Requests = 1,
        InputTokens = inputTokens,
        OutputTokens = outputTokens,
    };

    public static Units TrainingSteps(int steps) => new() { Requests = 1, Steps = steps };

    public static Units Storage(decimal gbMonths) => new() { GbMonths = gbMonths };
}
