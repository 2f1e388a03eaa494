namespace Natak.Testing;

/// <summary>Locates the repository root (the folder holding Natak.sln) and its pinned Node tools.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    public static string Root => RootLazy.Value;

    public static string NodeModules => Path.Combine(Root, "node_modules");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Natak.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Natak.sln not found above " + AppContext.BaseDirectory);
    }
}
