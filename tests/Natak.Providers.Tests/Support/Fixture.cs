namespace Natak.Providers.Tests.Support;

/// <summary>Provider response bodies in the shapes the providers document, under Fixtures/.</summary>
public static class Fixture
{
    public static string Read(string path) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", path));
}
