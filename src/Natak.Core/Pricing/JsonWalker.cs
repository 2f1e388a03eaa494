using System.Globalization;
using System.Text.Json;

namespace Natak.Core.Pricing;

/// <summary>
/// Reads a JSON document by hand and collects every problem with its path instead of stopping at the first,
/// so a broken catalogue is reported whole at start-up. Reads return a neutral value after an error.
/// </summary>
internal sealed class JsonWalker
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public void Error(string path, string message) => _errors.Add($"{path}: {message}");

    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    public static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    /// <summary>Reports properties outside <paramref name="known"/> (a misspelt price must not pass silently).</summary>
    public void OnlyKnown(JsonElement element, string path, params string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                Error(Join(path, property.Name), "unknown property; expected one of: " + string.Join(", ", known));
            }
        }
    }

    public JsonElement? Property(JsonElement parent, string name, string path, bool required)
    {
        if (parent.ValueKind == JsonValueKind.Object
            && parent.TryGetProperty(name, out var value)
            && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        if (required)
        {
            Error(Join(path, name), "is required");
        }

        return null;
    }

    public JsonElement? Object(JsonElement parent, string name, string path, bool required = true)
    {
        var value = Property(parent, name, path, required);
        if (value is { ValueKind: not JsonValueKind.Object })
        {
            Error(Join(path, name), "must be an object");
            return null;
        }

        return value;
    }

    public string Text(JsonElement parent, string name, string path) =>
        OptionalText(parent, name, path, required: true) ?? string.Empty;

    public string? OptionalText(JsonElement parent, string name, string path, bool required = false)
    {
        var value = Property(parent, name, path, required);
        if (value is null)
        {
            return null;
        }

        if (value.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.Value.GetString()))
        {
            Error(Join(path, name), "must be a non-empty string");
            return null;
        }

        return value.Value.GetString();
    }

    public long Integer(JsonElement parent, string name, string path, long min, long max = long.MaxValue) =>
        OptionalInteger(parent, name, path, min, max, required: true) ?? min;

    public long? OptionalInteger(JsonElement parent, string name, string path, long min, long max = long.MaxValue, bool required = false)
    {
        var value = Property(parent, name, path, required);
        return value is null ? null : IntegerValue(value.Value, Join(path, name), min, max);
    }

    public long? IntegerValue(JsonElement value, string path, long min, long max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            Error(path, "must be a whole number");
            return null;
        }

        if (number < min || number > max)
        {
            Error(path, max == long.MaxValue
                ? string.Create(CultureInfo.InvariantCulture, $"must be at least {min} (got {number})")
                : string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max} (got {number})"));
            return null;
        }

        return number;
    }

    /// <summary>A non-negative USD amount (or any decimal in [min, max] when bounds are given).</summary>
    public decimal Amount(JsonElement parent, string name, string path, decimal min = 0m, decimal max = decimal.MaxValue, bool minExclusive = false)
    {
        var value = Property(parent, name, path, required: true);
        if (value is null)
        {
            return 0m;
        }

        var full = Join(path, name);
        if (value.Value.ValueKind != JsonValueKind.Number || !value.Value.TryGetDecimal(out var amount))
        {
            Error(full, "must be a number");
            return 0m;
        }

        if (amount < min || (minExclusive && amount == min) || amount > max)
        {
            var text = amount.ToString(CultureInfo.InvariantCulture);
            Error(full, min == 0m && max == decimal.MaxValue
                ? minExclusive ? $"must be greater than 0 (got {text})" : $"must be a non-negative amount (got {text})"
                : string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max} (got {text})"));
            return 0m;
        }

        return amount;
    }

    public bool Flag(JsonElement parent, string name, string path)
    {
        var value = Property(parent, name, path, required: false);
        if (value is null)
        {
            return false;
        }

        if (value.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(Join(path, name), "must be true or false");
            return false;
        }

        return value.Value.GetBoolean();
    }

    public IReadOnlyList<string> TextList(JsonElement parent, string name, string path, bool required = false)
    {
        var list = new List<string>();
        foreach (var (item, itemPath) in Items(parent, name, path, required))
        {
            if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
            {
                list.Add(item.GetString()!);
            }
            else
            {
                Error(itemPath, "must be a non-empty string");
            }
        }

        return list;
    }

    public IReadOnlyList<int> IntegerList(JsonElement parent, string name, string path, int min)
    {
        var list = new List<int>();
        foreach (var (item, itemPath) in Items(parent, name, path, required: false))
        {
            if (IntegerValue(item, itemPath, min, int.MaxValue) is { } number)
            {
                list.Add((int)number);
            }
        }

        return list;
    }

    public IEnumerable<(JsonElement Item, string Path)> Items(JsonElement parent, string name, string path, bool required)
    {
        var value = Property(parent, name, path, required);
        if (value is null)
        {
            return [];
        }

        var full = Join(path, name);
        if (value.Value.ValueKind != JsonValueKind.Array)
        {
            Error(full, "must be an array");
            return [];
        }

        if (required && value.Value.GetArrayLength() == 0)
        {
            Error(full, "must not be empty");
        }

        return value.Value.EnumerateArray().Select((item, i) => (item, Index(full, i))).ToList();
    }

    /// <summary>The properties of an object-valued map, in document order.</summary>
    public IEnumerable<(string Key, JsonElement Value, string Path)> Entries(JsonElement parent, string name, string path, bool required)
    {
        var value = Object(parent, name, path, required);
        if (value is null)
        {
            return [];
        }

        var full = Join(path, name);
        if (required && !value.Value.EnumerateObject().Any())
        {
            Error(full, "must not be empty");
        }

        return value.Value.EnumerateObject().Select(p => (p.Name, p.Value, Join(full, p.Name))).ToList();
    }

    public ImageSize Size(JsonElement parent, string name, string path)
    {
        var text = OptionalText(parent, name, path, required: true);
        if (text is null)
        {
            return default;
        }

        if (!ImageSize.TryParse(text, out var size))
        {
            Error(Join(path, name), $"must be a size written WxH, e.g. 1024x1024 (got '{text}')");
        }

        return size;
    }

    /// <summary>A kebab-case enum value, with the allowed values in the message when it is not one.</summary>
    public T? Enum<T>(JsonElement parent, string name, string path, bool required = true)
        where T : struct, System.Enum
    {
        var text = OptionalText(parent, name, path, required);
        if (text is null)
        {
            return null;
        }

        if (KebabNames.TryParse<T>(text, out var value))
        {
            return value;
        }

        Error(Join(path, name), $"'{text}' is not one of: " + string.Join(", ", KebabNames.All<T>()));
        return null;
    }
}
