using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Natak.Core.Pricing;

/// <summary>
/// Reads a catalogue document into <see cref="CatalogDocument"/> with System.Text.Json and reports every problem,
/// not only the first. System.Text.Json stops at the first one, so each is worded from the contract at its path,
/// the offending member is taken out of a copy of the document, and the rest is read again, until it reads. The
/// annotated value rules (<see cref="ContractRules"/>) then run over what was read. Paths name the document as
/// written: an array item taken out does not shift the indexes in later messages.
/// </summary>
internal sealed class CatalogDeserializer
{
    private readonly JsonNode _root;
    private readonly CatalogErrors _errors;
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _removedItems = new(StringComparer.Ordinal);

    private CatalogDeserializer(JsonNode root, CatalogErrors errors)
    {
        _root = root;
        _errors = errors;
    }

    /// <summary>The document, or <c>null</c> when <paramref name="errors"/> holds at least one problem.</summary>
    public static CatalogDocument? Read(JsonNode? root, CatalogErrors errors)
    {
        if (root is not JsonObject)
        {
            errors.Add(JsonPath.Root, "the catalogue must be a JSON object");
            return null;
        }

        var document = new CatalogDeserializer(root.DeepClone(), errors).Read();
        return errors.Count == 0 ? document : null;
    }

    private CatalogDocument? Read()
    {
        while (true)
        {
            try
            {
                var document = _root.Deserialize<CatalogDocument>(CatalogJson.Options)!;
                ContractRules.Check(document, (path, message) => _errors.Add(Original(path), message));
                return document;
            }
            catch (JsonException ex)
            {
                var segments = JsonPath.Parse(ex.Path ?? JsonPath.Root);
                if (segments is null)
                {
                    _errors.Add(JsonPath.Root, ex.Message);
                    return null;
                }

                foreach (var (path, message) in Describe(segments, ex))
                {
                    _errors.Add(Original(path), message);
                }

                if (!Remove(segments))
                {
                    CheckSections();
                    return null;
                }
            }
        }
    }

    /// <summary>
    /// The root cannot be taken out, so it is never read once a required section is: the value rules then run over
    /// each section that is left, read on its own (each reads, its own problems having been taken out).
    /// </summary>
    private void CheckSections()
    {
        foreach (var section in CatalogJson.TypeInfo(typeof(CatalogDocument)).Properties)
        {
            if (_root[section.Name] is not { } node)
            {
                continue;
            }

            object? value;
            try
            {
                value = node.Deserialize(CatalogJson.TypeInfo(section.PropertyType));
            }
            catch (JsonException)
            {
                continue; // reported while the document was read
            }

            ContractRules.Check(section, value, JsonPath.Member(JsonPath.Root, section.Name), (path, message) => _errors.Add(Original(path), message));
        }
    }

    private IEnumerable<(string Path, string Message)> Describe(IReadOnlyList<PathSegment> segments, JsonException ex)
    {
        var path = JsonPath.Format(segments);
        if (ex is CatalogJsonException)
        {
            return [(path, ex.Message)];
        }

        var info = CatalogJson.TypeInfo(typeof(CatalogDocument));
        JsonNode? node = _root;
        foreach (var segment in segments)
        {
            var parent = info;
            info = Child(info, segment);
            if (info is null)
            {
                return parent.Kind == JsonTypeInfoKind.Object
                    ? [(path, "unknown property; expected one of: " + string.Join(", ", parent.Properties.Select(p => p.Name)))]
                    : [(path, ex.Message)];
            }

            node = segment.Name is { } name ? (node as JsonObject)?[name] : (node as JsonArray)?[segment.Index];
        }

        if (node is null)
        {
            return [(path, "must not be null")];
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Object when node is JsonObject given => Missing(info, given, path, ex),
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => [(path, "must be an object")],
            JsonTypeInfoKind.Enumerable => [(path, "must be an array")],
            _ => [(path, Expected(info.Type) ?? ex.Message)],
        };
    }

    /// <summary>The required members absent from an object, less those already reported and taken out.</summary>
    private IEnumerable<(string Path, string Message)> Missing(JsonTypeInfo info, JsonObject given, string path, JsonException ex)
    {
        var missing = info.Properties
            .Where(p => (p.IsRequired || p.AssociatedParameter is { HasDefaultValue: false }) && !given.ContainsKey(p.Name))
            .Select(p => JsonPath.Member(path, p.Name))
            .ToList();
        return missing.Count == 0
            ? [(path, ex.Message)]
            : missing.Where(p => !_removed.Contains(Original(p))).Select(p => (p, "is required"));
    }

    private static JsonTypeInfo? Child(JsonTypeInfo info, PathSegment segment) => info.Kind switch
    {
        JsonTypeInfoKind.Object => info.Properties.FirstOrDefault(p => string.Equals(p.Name, segment.Name, StringComparison.Ordinal)) is { } property
            ? CatalogJson.TypeInfo(property.PropertyType)
            : null,
        JsonTypeInfoKind.Dictionary or JsonTypeInfoKind.Enumerable => CatalogJson.TypeInfo(info.ElementType!),
        _ => null,
    };

    private static string? Expected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => "must be a string",
        var t when t == typeof(bool) => "must be true or false",
        var t when t == typeof(int) || t == typeof(long) => "must be a whole number",
        var t when t == typeof(decimal) || t == typeof(double) => "must be a number",
        _ => null,
    };

    private bool Remove(IReadOnlyList<PathSegment> segments)
    {
        if (segments.Count == 0)
        {
            return false;
        }

        JsonNode? parent = _root;
        foreach (var segment in segments.Take(segments.Count - 1))
        {
            parent = segment.Name is { } name ? (parent as JsonObject)?[name] : (parent as JsonArray)?[segment.Index];
        }

        var original = Original(segments);
        var last = segments[^1];
        if (last.Name is { } member && parent is JsonObject parentObject && parentObject.Remove(member))
        {
            _removed.Add(JsonPath.Format(original));
            return true;
        }

        if (last.Name is null && parent is JsonArray array && last.Index < array.Count)
        {
            array.RemoveAt(last.Index);
            var arrayPath = JsonPath.Format(original.Take(original.Count - 1));
            if (!_removedItems.TryGetValue(arrayPath, out var removed))
            {
                _removedItems[arrayPath] = removed = [];
            }

            removed.Add(original[^1].Index);
            _removed.Add(JsonPath.Format(original));
            return true;
        }

        return false;
    }

    private string Original(string path) => JsonPath.Parse(path) is { } segments ? JsonPath.Format(Original(segments)) : path;

    /// <summary>The path in the document as written, counting the array items taken out before each index.</summary>
    private List<PathSegment> Original(IReadOnlyList<PathSegment> segments)
    {
        var original = new List<PathSegment>(segments.Count);
        foreach (var segment in segments)
        {
            if (segment.Name is not null)
            {
                original.Add(segment);
                continue;
            }

            var index = segment.Index;
            if (_removedItems.TryGetValue(JsonPath.Format(original), out var removed))
            {
                foreach (var taken in removed.Order())
                {
                    index += taken <= index ? 1 : 0;
                }
            }

            original.Add(PathSegment.Of(index));
        }

        return original;
    }
}
