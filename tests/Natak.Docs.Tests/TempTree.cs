namespace Natak.Docs.Tests;

/// <summary>A throw-away folder of files (relative path → text), deleted on dispose.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree(IReadOnlyDictionary<string, string> files)
    {
        Root = Directory.CreateTempSubdirectory("natak-docs-").FullName;
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(Root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
    }

    public string Root { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
