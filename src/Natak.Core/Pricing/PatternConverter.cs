using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Natak.Core.Pricing;

/// <summary>Reads a regular expression from its pattern text; a pattern .NET cannot compile is refused at load.</summary>
internal sealed class PatternConverter : JsonConverter<Regex>
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    public override Regex Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || string.IsNullOrWhiteSpace(reader.GetString()))
        {
            throw new CatalogJsonException("must be a regular expression");
        }

        try
        {
            return new Regex(reader.GetString()!, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new CatalogJsonException("is not a valid regular expression: " + ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, Regex value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
