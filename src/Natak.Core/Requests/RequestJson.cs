using System.Text.Json;
using System.Text.Json.Serialization;

namespace Natak.Core.Requests;

/// <summary>
/// The JSON conventions of the request bodies: camelCase (web defaults), and unknown members are an error — as
/// on the start routes, a misspelt field must not silently change what is quoted or bought.
/// </summary>
public static class RequestJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
