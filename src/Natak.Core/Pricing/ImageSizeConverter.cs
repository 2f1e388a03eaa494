using System.Text.Json;
using System.Text.Json.Serialization;

namespace Natak.Core.Pricing;

/// <summary>Reads and writes an <see cref="ImageSize"/> as <c>"1024x1024"</c>.</summary>
internal sealed class ImageSizeConverter : JsonConverter<ImageSize>
{
    public override ImageSize Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return ImageSize.TryParse(text, out var size)
            ? size
            : throw new CatalogJsonException(text is null
                ? "must be a size written WxH, e.g. 1024x1024"
                : $"must be a size written WxH, e.g. 1024x1024 (got '{text}')");
    }

    public override void Write(Utf8JsonWriter writer, ImageSize value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
