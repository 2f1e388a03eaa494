using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace Natak.Core.Pricing;

/// <summary>
/// The value rules written on the catalogue records as annotations, checked over a read document and published in
/// the schema (<see cref="CatalogSchema"/>), so the two cannot disagree: <see cref="RangeAttribute"/> bounds a number,
/// each number of a list or each value of a map; <see cref="AllowedValuesAttribute"/> lists what a string, each
/// string of a list or each key of a map may be; <see cref="MinLengthAttribute"/> bounds the items of a list or map.
/// No string, list item, map key or map value may be blank or null.
/// </summary>
internal static class ContractRules
{
    public static void Check(object document, Action<string, string> report)
    {
        ArgumentNullException.ThrowIfNull(document);
        Visit(document, CatalogJson.TypeInfo(document.GetType()), JsonPath.Root, member: null, report);
    }

    /// <summary>The rules over one member's value, read on its own.</summary>
    public static void Check(JsonPropertyInfo member, object? value, string path, Action<string, string> report)
    {
        ArgumentNullException.ThrowIfNull(member);
        Visit(value, CatalogJson.TypeInfo(member.PropertyType), path, member.AttributeProvider, report);
    }

    /// <summary>A range as JSON Schema words it: the minimum, the maximum (null when unbounded), whether the minimum is excluded.</summary>
    public static (double Minimum, double? Maximum, bool MinimumExcluded) Bounds(RangeAttribute range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var maximum = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
        return (Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture),
            maximum is double.MaxValue or int.MaxValue ? null : maximum,
            range.MinimumIsExclusive);
    }

    private static void Visit(object? value, JsonTypeInfo info, string path, ICustomAttributeProvider? member, Action<string, string> report)
    {
        // A null member is System.Text.Json's to refuse (nullable annotations); here it is simply absent.
        if (value is null)
        {
            return;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in info.Properties.Where(p => p.Get is not null))
                {
                    Visit(property.Get!(value), CatalogJson.TypeInfo(property.PropertyType), JsonPath.Member(path, property.Name), property.AttributeProvider, report);
                }

                break;
            case JsonTypeInfoKind.Enumerable:
                var items = ((IEnumerable)value).Cast<object?>().ToList();
                CheckCount(items.Count, path, member, report);
                for (var i = 0; i < items.Count; i++)
                {
                    Element(items[i], CatalogJson.TypeInfo(info.ElementType!), JsonPath.Index(path, i), member, inList: true, report);
                }

                break;
            case JsonTypeInfoKind.Dictionary:
                var map = (IDictionary)value;
                CheckCount(map.Count, path, member, report);
                foreach (DictionaryEntry entry in map)
                {
                    var key = (string)entry.Key;
                    var entryPath = JsonPath.Member(path, key);
                    if (string.IsNullOrWhiteSpace(key))
                    {
                        report(entryPath, "a key must not be blank");
                    }
                    else
                    {
                        CheckAllowed(key, entryPath, member, report);
                    }

                    Element(entry.Value, CatalogJson.TypeInfo(info.ElementType!), entryPath, member, inList: false, report);
                }

                break;
            default:
                Scalar(value, path, member, allowedValuesApply: true, report);
                break;
        }
    }

    /// <summary>An item of a list or a value of a map: never null; the collection's range applies to it, and in a list its allowed values.</summary>
    private static void Element(object? item, JsonTypeInfo info, string path, ICustomAttributeProvider? collection, bool inList, Action<string, string> report)
    {
        if (item is null)
        {
            report(path, "must not be null");
        }
        else if (info.Kind == JsonTypeInfoKind.None)
        {
            Scalar(item, path, collection, allowedValuesApply: inList, report);
        }
        else
        {
            Visit(item, info, path, member: null, report);
        }
    }

    private static void Scalar(object value, string path, ICustomAttributeProvider? member, bool allowedValuesApply, Action<string, string> report)
    {
        if (value is string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                report(path, "must not be blank");
            }
            else if (allowedValuesApply)
            {
                CheckAllowed(text, path, member, report);
            }

            return;
        }

        if (Attribute<RangeAttribute>(member) is not { } range || value is not (int or long or decimal or double))
        {
            return;
        }

        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        var (minimum, maximum, excluded) = Bounds(range);
        var aboveMinimum = excluded ? number > minimum : number >= minimum;
        if (aboveMinimum && number <= (maximum ?? double.PositiveInfinity))
        {
            return;
        }

        var got = Convert.ToString(value, CultureInfo.InvariantCulture);
        report(path, (maximum, excluded) switch
        {
            (null, true) => $"must be greater than {Words(minimum)} (got {got})",
            (null, false) => $"must be at least {Words(minimum)} (got {got})",
            _ => $"must be between {Words(minimum)} and {Words(maximum.Value)} (got {got})",
        });
    }

    private static void CheckAllowed(string value, string path, ICustomAttributeProvider? member, Action<string, string> report)
    {
        if (Attribute<AllowedValuesAttribute>(member) is { } allowed && !allowed.Values.Contains(value))
        {
            report(path, $"'{value}' is not one of: {string.Join(", ", allowed.Values)}");
        }
    }

    private static void CheckCount(int count, string path, ICustomAttributeProvider? member, Action<string, string> report)
    {
        if (Attribute<MinLengthAttribute>(member) is { } minimum && count < minimum.Length)
        {
            report(path, minimum.Length == 1 ? "must not be empty" : $"must have at least {minimum.Length} items");
        }
    }

    private static T? Attribute<T>(ICustomAttributeProvider? member)
        where T : Attribute =>
        member?.GetCustomAttributes(typeof(T), inherit: true).OfType<T>().FirstOrDefault();

    private static string Words(double number) => number.ToString(CultureInfo.InvariantCulture);
}
