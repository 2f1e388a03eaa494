using System.Text.Json.Serialization;

namespace Natak.Tables.Spend;

/// <summary>What a provider step was billed by. The wire names are stored in the <c>Spend</c> table.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SpendUnit>))]
public enum SpendUnit
{
    [JsonStringEnumMemberName("tokens_in")]
    TokensIn,

    [JsonStringEnumMemberName("tokens_out")]
    TokensOut,

    [JsonStringEnumMemberName("megapixels")]
    Megapixels,

    [JsonStringEnumMemberName("seconds")]
    Seconds,

    [JsonStringEnumMemberName("steps")]
    Steps,

    [JsonStringEnumMemberName("requests")]
    Requests,
}
