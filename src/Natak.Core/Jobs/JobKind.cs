using System.Text.Json.Serialization;

namespace Natak.Core.Jobs;

/// <summary>What a job produces. The wire names are the API's <c>kind</c> values.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobKind>))]
public enum JobKind
{
    [JsonStringEnumMemberName("character")]
    Character,

    [JsonStringEnumMemberName("image")]
    Image,

    [JsonStringEnumMemberName("video")]
    Video,
}
