using System.Text.Json;
using System.Text.Json.Serialization;

namespace Natak.Core.Pricing;

/// <summary>
/// Reads an endpoint input mapping in either form: <c>"start_image_url"</c> (the input's default format) or
/// <c>{ "field": "duration", "format": "string" }</c>.
/// </summary>
internal sealed class InputMappingConverter : JsonConverter<InputMapping>
{
    private const string Shape = "must be a provider field name or { \"field\", \"format\" }";

    public override InputMapping Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (reader.TokenType == JsonTokenType.String)
        {
            return new InputMapping(Field(ref reader));
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new CatalogJsonException(Shape);
        }

        string? field = null;
        InputFormat? format = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "field":
                    field = Field(ref reader);
                    break;
                case "format":
                    format = ((JsonConverter<InputFormat>)options.GetConverter(typeof(InputFormat))).Read(ref reader, typeof(InputFormat), options);
                    break;
                default:
                    throw new CatalogJsonException($"unknown property '{name}'; expected one of: field, format");
            }
        }

        return field is null ? throw new CatalogJsonException("field is required") : new InputMapping(field, format);
    }

    public override void Write(Utf8JsonWriter writer, InputMapping value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Format is not { } format)
        {
            writer.WriteStringValue(value.Field);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("field", value.Field);
        writer.WriteString("format", KebabNames.Of(format));
        writer.WriteEndObject();
    }

    private static string Field(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && !string.IsNullOrWhiteSpace(reader.GetString())
            ? reader.GetString()!
            : throw new CatalogJsonException(Shape);
}
