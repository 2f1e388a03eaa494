using System.Text.Json;
using Natak.Core.Requests;

namespace Natak.Api.Http;

/// <summary>A <see cref="JsonException"/> from binding a request body as the 400 naming its field (<see cref="JsonFields.Describe"/>).</summary>
internal static class JsonBindingErrors
{
    public static ApiProblemException ToProblem(Type requestType, JsonException ex)
    {
        var (path, message) = JsonFields.Describe(NatakJson.Options, requestType, ex);
        var field = path.Length == 0 ? "body" : path;
        return new ApiProblemException(ApiProblem.Validation(new Dictionary<string, string[]> { [field] = [message] }, $"{field} {message}."));
    }
}
