using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Natak.Simulator;

/// <summary>
/// Stripe's request encoding: <c>application/x-www-form-urlencoded</c> with bracket nesting
/// (<c>line_items[0][price_data][currency]=usd</c>, <c>metadata[key]=value</c>) read into a JSON tree whose leaves
/// are strings; a level whose keys are all 0, 1, 2… is an array.
/// </summary>
internal static class StripeForm
{
    /// <summary>The parsed parameters, or the parameter name that cannot be read.</summary>
    public static (JsonObject? Parameters, string? BadParam) Parse(string body)
    {
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, values) in QueryHelpers.ParseQuery(body))
        {
            if (!TrySplit(key, out var path))
            {
                return (null, key);
            }

            var level = root;
            for (var i = 0; i < path.Count - 1; i++)
            {
                if (!level.TryGetValue(path[i], out var next))
                {
                    level[path[i]] = next = new Dictionary<string, object>(StringComparer.Ordinal);
                }

                if (next is not Dictionary<string, object> nested)
                {
                    return (null, key);
                }

                level = nested;
            }

            if (level.ContainsKey(path[^1]))
            {
                return (null, key);
            }

            level[path[^1]] = values.ToString();
        }

        return ((JsonObject)ToNode(root), null);
    }

    private static bool TrySplit(string key, out List<string> path)
    {
        path = [];
        var open = key.IndexOf('[', StringComparison.Ordinal);
        path.Add(open < 0 ? key : key[..open]);
        while (open >= 0)
        {
            var close = key.IndexOf(']', open);
            if (close < 0)
            {
                return false;
            }

            path.Add(key[(open + 1)..close]);
            if (close + 1 < key.Length && key[close + 1] != '[')
            {
                return false;
            }

            open = close + 1 < key.Length ? close + 1 : -1;
        }

        return path.All(p => p.Length > 0);
    }

    private static JsonNode ToNode(object value)
    {
        if (value is string text)
        {
            return JsonValue.Create(text);
        }

        var map = (Dictionary<string, object>)value;
        var indices = map.Keys.Select(k => int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1).ToList();
        if (map.Count > 0 && indices.All(i => i >= 0) && indices.Order().SequenceEqual(Enumerable.Range(0, map.Count)))
        {
            var array = new JsonArray();
            foreach (var i in Enumerable.Range(0, map.Count))
            {
                array.Add(ToNode(map[i.ToString(CultureInfo.InvariantCulture)]));
            }

            return array;
        }

        var node = new JsonObject();
        foreach (var (key, child) in map)
        {
            node[key] = ToNode(child);
        }

        return node;
    }
}
