using System.Buffers;
using System.Globalization;

namespace Natak.Core.Pricing;

/// <summary>
/// Paths into the catalogue document, written the way System.Text.Json writes <see cref="System.Text.Json.JsonException.Path"/>
/// (<c>$.models['kling-2.6-pro'].price.rates[1]</c>), so every error names its place the same way.
/// </summary>
internal static class JsonPath
{
    public const string Root = "$";

    // The characters after which System.Text.Json writes a name in brackets.
    private static readonly SearchValues<char> Special = SearchValues.Create(". '/\"[]()\t\n\r\f\b\\\u0085\u2028\u2029");

    /// <summary>The path from the root through the named members: <c>At("pipeline", "segment")</c> is <c>$.pipeline.segment</c>.</summary>
    public static string At(params ReadOnlySpan<string> names)
    {
        var path = Root;
        foreach (var name in names)
        {
            path = Member(path, name);
        }

        return path;
    }

    public static string Member(string path, string name) =>
        name.AsSpan().ContainsAny(Special) ? $"{path}['{name}']" : $"{path}.{name}";

    public static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    /// <summary>The members and indexes of a path, or <c>null</c> when it is not one this class writes.</summary>
    public static IReadOnlyList<PathSegment>? Parse(string path)
    {
        if (!path.StartsWith(Root, StringComparison.Ordinal))
        {
            return null;
        }

        var segments = new List<PathSegment>();
        var i = Root.Length;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.AsSpan(i + 1).IndexOfAny('.', '[');
                var name = end < 0 ? path[(i + 1)..] : path.Substring(i + 1, end);
                segments.Add(PathSegment.Of(name));
                i += 1 + name.Length;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return null;
                }

                segments.Add(PathSegment.Of(path[(i + 2)..end]));
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return null;
                }

                segments.Add(PathSegment.Of(index));
                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return segments;
    }

    public static string Format(IEnumerable<PathSegment> segments) =>
        segments.Aggregate(Root, (path, segment) => segment.Name is { } name ? Member(path, name) : Index(path, segment.Index));
}
