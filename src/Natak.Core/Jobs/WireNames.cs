using System.Reflection;
using System.Text.Json.Serialization;

namespace Natak.Core.Jobs;

/// <summary>The wire names of an enum, as its <see cref="JsonStringEnumMemberNameAttribute"/>s declare them: one source for JSON, queries and tables.</summary>
public static class WireNames<T>
    where T : struct, Enum
{
    private static readonly Dictionary<T, string> ToName = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
        .ToDictionary(f => (T)f.GetValue(null)!, f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

    private static readonly Dictionary<string, T> FromName = ToName.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => FromName.Keys;

    public static string Of(T value) => ToName[value];

    public static bool TryParse(string? name, out T value) => FromName.TryGetValue(name ?? string.Empty, out value);
}
