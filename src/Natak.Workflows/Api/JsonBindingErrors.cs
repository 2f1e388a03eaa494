using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Natak.Workflows.Api;

/// <summary>
/// Turns a <see cref="JsonException"/> from binding a request body into the field it names and a message a client
/// can act on: an unknown field lists the fields allowed where it stands; nothing of .NET's message is echoed.
/// </summary>
internal static class JsonBindingErrors
{
    public static ApiProblemException ToProblem(Type requestType, JsonException ex)
    {
        var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : ex.Path.TrimStart('$', '.');
        var field = path.Length == 0 ? "body" : path;
        return new ApiProblemException(ApiProblem.Validation(field, Describe(requestType, path, ex.Message)));
    }

    private static string Describe(Type requestType, string path, string message)
    {
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var allowed = AllowedFieldsAt(requestType, path);
            return allowed.Count == 0
                ? "This field is not part of the request."
                : "This field is not part of the request; allowed here: " + string.Join(", ", allowed) + ".";
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return "Required fields are missing: " + message[(message.IndexOf(':', StringComparison.Ordinal) + 1)..].Split('.')[0].Trim() + ".";
        }

        return "The value has the wrong type or format.";
    }

    /// <summary>The JSON names of the object that holds the last segment of <paramref name="path"/>.</summary>
    private static IReadOnlyList<string> AllowedFieldsAt(Type requestType, string path)
    {
        var segments = path.Split('.', StringSplitOptions.RemoveEmptyEntries);
        var type = requestType;
        foreach (var segment in segments.Take(segments.Length - 1))
        {
            var name = segment.Split('[', 2)[0];
            var property = Info(type).Properties.FirstOrDefault(p => p.Name == name);
            if (property is null)
            {
                return [];
            }

            type = ElementOrSelf(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
        }

        var info = Info(type);
        return info.Kind == JsonTypeInfoKind.Object ? [.. info.Properties.Select(p => p.Name)] : [];
    }

    private static JsonTypeInfo Info(Type type) => NatakJson.Options.GetTypeInfo(type);

    private static Type ElementOrSelf(Type type)
    {
        if (type == typeof(string))
        {
            return type;
        }

        var enumerable = type.IsArray ? type.GetElementType() : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        return enumerable ?? type;
    }
}
