namespace Natak.Core.Jobs;

public static class JobKindExtensions
{
    public static string ToWire(this JobKind kind) => WireNames<JobKind>.Of(kind);

    /// <summary>The prefix of the job ids of this kind (<c>img_…</c>), so an id tells what it is.</summary>
    public static string IdPrefix(this JobKind kind) => kind switch
    {
        JobKind.Character => "chr",
        JobKind.Image => "img",
        JobKind.Video => "vid",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParseWire(string? value, out JobKind kind) => WireNames<JobKind>.TryParse(value, out kind);
}
