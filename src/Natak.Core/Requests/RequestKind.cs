using System.Text.Json.Serialization;

namespace Natak.Core.Requests;

/// <summary>What a request produces. The wire names are the API's <c>kind</c> values.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RequestKind>))]
public enum RequestKind
{
    [JsonStringEnumMemberName("character")]
    Character,

    [JsonStringEnumMemberName("image")]
    Image,

    [JsonStringEnumMemberName("video")]
    Video,
}
