using System.Text.Json;
using System.Text.Json.Serialization;

namespace Natak.Core.Pricing;

/// <summary>
/// Reads an enum from exactly its kebab-case name (<c>base-plus-extra-second</c>). Unlike
/// <see cref="JsonStringEnumConverter"/> it accepts no other casing, no C# member name and no number.
/// </summary>
internal sealed class KebabEnumConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && KebabNames.TryParse<T>(reader.GetString(), out var value))
        {
            return value;
        }

        var allowed = string.Join(", ", KebabNames.All<T>());
        throw new CatalogJsonException(reader.TokenType == JsonTokenType.String
            ? $"'{reader.GetString()}' is not one of: {allowed}"
            : $"must be one of: {allowed}");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(KebabNames.Of(value));
    }
}
