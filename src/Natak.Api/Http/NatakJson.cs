using System.Text.Json;
using System.Text.Json.Serialization;

namespace Natak.Api.Http;

/// <summary>The JSON conventions of Natak's own API: camelCase, nulls omitted, enums as their wire names.</summary>
public static class NatakJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Unknown members are an error, not silently dropped: a misspelt field must not change what is bought.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
