using System.Text.RegularExpressions;

namespace Natak.Docs.Tests;

/// <summary>The projects of the solution against the rows of the README's module table (<c>src/…</c>, <c>tests/…</c>, <c>benchmarks/…</c>).</summary>
internal static partial class ModuleTable
{
    /// <summary>The folder of every project in a solution file, e.g. <c>src/Natak.Core</c>.</summary>
    public static IReadOnlySet<string> ProjectsInSolution(string solution) =>
        SolutionProject().Matches(solution)
            .Select(m => m.Groups["path"].Value.Replace('\\', '/'))
            .Select(path => path[..path.LastIndexOf('/')])
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The project folders a README's tables name in their first column.</summary>
    public static IReadOnlySet<string> ProjectsInReadme(string readme) =>
        TableRow().Matches(readme)
            .Select(m => m.Groups["path"].Value.TrimEnd('/'))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Every project the README leaves out and every row that names no project of the solution.</summary>
    public static IReadOnlyList<string> Differences(string solution, string readme)
    {
        var projects = ProjectsInSolution(solution);
        var rows = ProjectsInReadme(readme);
        return
        [
            .. projects.Except(rows).Order(StringComparer.Ordinal).Select(p => $"{p} is in Natak.sln but not in the README's module table"),
            .. rows.Except(projects).Order(StringComparer.Ordinal).Select(p => $"{p} is in the README's module table but not in Natak.sln"),
        ];
    }

    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\)\s*=\s*""[^""]+"",\s*""(?<path>[^""]+\.csproj)""", RegexOptions.Multiline)]
    private static partial Regex SolutionProject();

    [GeneratedRegex(@"^\|\s*`(?<path>(?:src|tests|benchmarks)/[^`/\s]+/?)`\s*\|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
