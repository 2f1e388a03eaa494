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

    /// <summary>
    /// The field a <see cref="JsonException"/> from binding <paramref name="requestType"/> names (its path without
    /// <c>$.</c>; empty for the whole body) and what is wrong with it, in words a client can act on: an unknown field
    /// lists the fields allowed where it stands. Nothing of .NET's message is echoed.
    /// </summary>
    public static (string Path, string Message) Describe(JsonSerializerOptions options, Type requestType, JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var path = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "" : exception.Path.TrimStart('$', '.');
        var message = exception.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var allowed = AllowedAt(options, requestType, path);
            return (path, allowed.Count == 0 ? "is not part of the request" : "is not part of the request; allowed here: " + string.Join(", ", allowed));
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return (path, "misses required fields: " + message[(message.IndexOf(':', StringComparison.Ordinal) + 1)..].Split('.')[0].Trim());
        }

        return (path, "has the wrong type");
    }

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
