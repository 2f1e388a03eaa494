namespace Natak.Infra.Tests;

/// <summary>
/// Reads the block-style YAML of azure.yaml (nested maps of scalars, <c>#</c> comments) into dotted paths:
/// <c>services.api.host</c> → <c>function</c>. Anything else (lists, flow style, multi-line strings) is refused.
/// </summary>
internal static class SimpleYaml
{
    public static Dictionary<string, string> Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var parents = new List<(int Indent, string Key)>();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Split(" #", 2)[0].TrimEnd();
            if (line.TrimStart().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var indent = line.Length - line.TrimStart().Length;
            var (key, value) = line.Trim().Split(':', 2) is [var k, var v] ? (k.Trim(), v.Trim()) : throw new FormatException("not a key: value line: " + raw);
            if (key.StartsWith('-') || value.StartsWith('[') || value.StartsWith('{') || value is "|" or ">")
            {
                throw new FormatException("unsupported YAML: " + raw);
            }

            parents.RemoveAll(p => p.Indent >= indent);
            var full = string.Join('.', parents.Select(p => p.Key).Append(key));
            if (value.Length == 0)
            {
                parents.Add((indent, key));
            }
            else
            {
                values[full] = value.Trim('"', '\'');
            }
        }

        return values;
    }
}
