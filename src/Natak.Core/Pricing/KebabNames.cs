using System.Text.Json;

namespace Natak.Core.Pricing;

/// <summary>The catalogue's kebab-case spelling of enum values (<c>ExtractFrame</c> ⇄ <c>extract-frame</c>).</summary>
internal static class KebabNames
{
    public static string Of<T>(T value)
        where T : struct, Enum => Of((Enum)value);

    public static string Of(Enum value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum => [.. Enum.GetValues<T>().Select(Of)];

    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
