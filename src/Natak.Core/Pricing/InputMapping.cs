using System.Globalization;
using System.Text.Json.Nodes;

namespace Natak.Core.Pricing;

/// <summary>
/// Where one logical input goes in a provider's JSON body, and in what shape. The catalogue may leave the format
/// out (<c>"image": "image_url"</c>); loading fills in the input's default (<see cref="InputNames"/>).
/// </summary>
public sealed record InputMapping(string Field, InputFormat? Format = null)
{
    /// <summary>Converts a logical value (invariant text: <c>5</c>, <c>true</c>, <c>1024x1024</c>, a URL) to JSON.</summary>
    /// <exception cref="FormatException">The value does not fit the format.</exception>
    public JsonNode ToJson(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (Format ?? throw new InvalidOperationException($"The format of input field '{Field}' was never filled in."))
        {
            case InputFormat.String:
                return JsonValue.Create(value);
            case InputFormat.Integer:
                return JsonValue.Create(long.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture));
            case InputFormat.Number:
                return JsonValue.Create(decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture));
            case InputFormat.Boolean:
                return JsonValue.Create(bool.Parse(value));
            case InputFormat.SecondsSuffix:
                return JsonValue.Create(value + "s");
            case InputFormat.SizeObject:
            {
                var size = ParseSize(value);
                return new JsonObject { ["width"] = size.Width, ["height"] = size.Height };
            }

            case InputFormat.AspectRatio:
            {
                var size = ParseSize(value);
                var divisor = Gcd(size.Width, size.Height);
                return JsonValue.Create(string.Create(
                    CultureInfo.InvariantCulture, $"{size.Width / divisor}:{size.Height / divisor}"));
            }

            case InputFormat.LoraList:
                return new JsonArray(new JsonObject { ["path"] = value, ["scale"] = 1 });
            default:
                throw new InvalidOperationException($"Unknown input format {Format}.");
        }
    }

    private static ImageSize ParseSize(string value) =>
        ImageSize.TryParse(value, out var size) ? size : throw new FormatException($"'{value}' is not a WxH size.");

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
