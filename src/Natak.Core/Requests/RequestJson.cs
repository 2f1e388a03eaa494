using System.Text.Json;

namespace Natak.Core.Requests;

/// <summary>The JSON conventions of the request bodies: camelCase (web defaults).</summary>
public static class RequestJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
