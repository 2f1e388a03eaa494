using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Natak.Core.Requests;

/// <summary>The JSON field names a request type accepts, for errors that name the allowed fields.</summary>
public static class JsonFields
{
    /// <summary>
    /// The names allowed in the object that holds the last segment of <paramref name="path"/> (a binding error's
    /// path without <c>$.</c>, e.g. <c>outfit.descripton</c> or <c>colour</c>); empty when the path leads nowhere known.
    /// </summary>
    public static IReadOnlyList<string> AllowedAt(JsonSerializerOptions options, Type requestType, string path)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(requestType);
        var segments = (path ?? "").Split('.', StringSplitOptions.RemoveEmptyEntries);
        var type = requestType;
        foreach (var segment in segments.Take(segments.Length - 1))
        {
            var name = segment.Split('[', 2)[0];
            var property = options.GetTypeInfo(type).Properties.FirstOrDefault(p => p.Name == name);
            if (property is null)
            {
                return [];
            }

            type = ElementOrSelf(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
        }

        var info = options.GetTypeInfo(type);
        return info.Kind == JsonTypeInfoKind.Object ? [.. info.Properties.Select(p => p.Name)] : [];
    }

    /// <summary>"is not part of the request", plus the allowed names when there are any.</summary>
    public static string UnknownFieldMessage(IReadOnlyList<string> allowed) =>
        allowed.Count == 0 ? "is not part of the request" : "is not part of the request; allowed here: " + string.Join(", ", allowed);

    private static Type ElementOrSelf(Type type)
    {
        if (type == typeof(string))
        {
            return type;
        }

        var element = type.IsArray ? type.GetElementType() : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        return element ?? type;
    }
}
