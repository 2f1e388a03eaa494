namespace Natak.Testing;

/// <summary>Names that keep tests sharing one Azurite apart (table names: letters and digits, start with a letter).</summary>
public static class Unique
{
    public static string Name(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];
}
