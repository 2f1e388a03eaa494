namespace Natak.Assets;

/// <summary>What a download may be: its allowed content types (from <see cref="AssetContentTypes"/>) and its size cap.</summary>
/// <param name="AllowedContentTypes">Types the bytes must show; each one of <see cref="AssetContentTypes.All"/>.</param>
/// <param name="MaxBytes">The largest body accepted, checked against Content-Length and while streaming.</param>
public sealed record FetchLimits(IReadOnlySet<string> AllowedContentTypes, long MaxBytes)
{
    internal void Validate()
    {
        if (AllowedContentTypes is null || AllowedContentTypes.Count == 0)
        {
            throw new ArgumentException("At least one content type must be allowed.", nameof(AllowedContentTypes));
        }

        var unknown = AllowedContentTypes.FirstOrDefault(t => !AssetContentTypes.All.Contains(t));
        if (unknown is not null)
        {
            throw new ArgumentException($"'{unknown}' is not a content type the sniffer recognises; use AssetContentTypes.", nameof(AllowedContentTypes));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBytes);
    }

    internal string Describe() => string.Join(", ", AllowedContentTypes.Order(StringComparer.Ordinal));
}
