using System.Text.Json;
using Natak.Core.Requests;

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
            return "This field " + JsonFields.UnknownFieldMessage(JsonFields.AllowedAt(NatakJson.Options, requestType, path)) + ".";
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return "Required fields are missing: " + message[(message.IndexOf(':', StringComparison.Ordinal) + 1)..].Split('.')[0].Trim() + ".";
        }

        return "The value has the wrong type or format.";
    }
}
