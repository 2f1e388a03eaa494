using System.Diagnostics.CodeAnalysis;
using Natak.Providers.Http;

namespace Natak.Providers.Fal;

/// <summary>
/// A fal endpoint id, <c>[namespace/]owner/app[/path…]</c>, e.g. <c>fal-ai/kling-video/v2.6/pro/image-to-video</c>
/// (owner <c>fal-ai</c>, app <c>kling-video</c>, path <c>v2.6/pro/image-to-video</c>) or <c>workflows/me/my-flow</c>.
/// Submit uses the full id; status, result and cancel use only <see cref="QueueApp"/> (the path is dropped).
/// </summary>
public readonly record struct FalModelId : IParsable<FalModelId>
{
    /// <summary>Leading segments that are namespaces rather than owners (fal-js: <c>workflows</c>, <c>comfy</c>).</summary>
    private static readonly string[] Namespaces = ["workflows", "comfy"];

    private FalModelId(string? ns, string owner, string app, string? path)
    {
        Namespace = ns;
        Owner = owner;
        App = app;
        Path = path;
    }

    /// <summary>The namespace prefix (<c>workflows</c>, <c>comfy</c>), or null.</summary>
    public string? Namespace { get; }

    /// <summary>The owner, e.g. <c>fal-ai</c>.</summary>
    public string Owner { get; }

    /// <summary>The app, e.g. <c>kling-video</c>.</summary>
    public string App { get; }

    /// <summary>The sub-path after the app, e.g. <c>v2.6/pro/image-to-video</c>, or null.</summary>
    public string? Path { get; }

    /// <summary>The part of the id the queue's request URLs use: <c>[namespace/]owner/app</c>.</summary>
    public string QueueApp => Namespace is null ? $"{Owner}/{App}" : $"{Namespace}/{Owner}/{App}";

    /// <summary>The full id, as submitted.</summary>
    public string Value => Path is null ? QueueApp : $"{QueueApp}/{Path}";

    /// <summary>Parses an id or throws <see cref="FormatException"/>.</summary>
    public static FalModelId Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, provider, out var id) ? id : throw new FormatException($"'{s}' is not a fal model id (expected owner/app[/path]).");

    /// <summary>Parses an id.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out FalModelId result)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(s))
        {
            return false;
        }

        var parts = s.Trim().Trim('/').Split('/');
        if (parts.Any(p => !ProviderHttp.IsIdSegment(p)))
        {
            return false;
        }

        var ns = Namespaces.Contains(parts[0], StringComparer.Ordinal) ? parts[0] : null;
        var rest = ns is null ? parts : parts[1..];
        if (rest.Length < 2)
        {
            return false;
        }

        result = new FalModelId(ns, rest[0], rest[1], rest.Length > 2 ? string.Join('/', rest[2..]) : null);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Value;
}
