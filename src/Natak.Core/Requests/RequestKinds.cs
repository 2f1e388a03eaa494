namespace Natak.Core.Requests;

/// <summary>The wire names of <see cref="RequestKind"/>.</summary>
public static class RequestKinds
{
    public static IReadOnlyList<string> Names { get; } = ["character", "image", "video"];

    public static string ToWire(this RequestKind kind) => kind switch
    {
        RequestKind.Character => "character",
        RequestKind.Image => "image",
        RequestKind.Video => "video",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? text, out RequestKind kind)
    {
        foreach (var candidate in Enum.GetValues<RequestKind>())
        {
            if (string.Equals(candidate.ToWire(), text, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
