using Natak.Testing;

namespace Natak.Docs.Tests;

public sealed class ModuleTableTests
{
    [Fact]
    public void The_README_module_table_lists_exactly_the_projects_of_the_solution()
    {
        var solution = File.ReadAllText(Path.Combine(RepoPaths.Root, "Natak.sln"));
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

        Assert.Empty(ModuleTable.Differences(solution, readme));
        Assert.Contains("src/Natak.Core", ModuleTable.ProjectsInSolution(solution));
        Assert.Contains("tests/Natak.Docs.Tests", ModuleTable.ProjectsInSolution(solution));
        Assert.Contains("benchmarks/Natak.Benchmarks", ModuleTable.ProjectsInSolution(solution));
    }

    [Fact]
    public void A_project_the_README_leaves_out_and_a_row_naming_no_project_are_both_reported()
    {
        const string solution = """
            Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "src", "src", "{827E0CD3-B72D-47B6-A68D-7590B98EB39B}"
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Natak.Core", "src\Natak.Core\Natak.Core.csproj", "{C44FE95E-7529-40C4-84D9-BB872C6771E0}"
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Natak.Renamed", "src\Natak.Renamed\Natak.Renamed.csproj", "{20603563-5703-4EB6-992B-E7DD339713E1}"
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Natak.Core.Tests", "tests\Natak.Core.Tests\Natak.Core.Tests.csproj", "{555CFE9B-74C0-448F-810A-168DCFE1C7E5}"
            """;
        const string readme = """
            | Path | What |
            |---|---|
            | `src/Natak.Core` | domain |
            | `src/Natak.OldName` | renamed since |
            | `tests/Natak.Core.Tests` | its tests |
            | `infra/` | not a project |
            """;

        Assert.Equal(
            [
                "src/Natak.Renamed is in Natak.sln but not in the README's module table",
                "src/Natak.OldName is in the README's module table but not in Natak.sln",
            ],
            ModuleTable.Differences(solution.ReplaceLineEndings("\r\n"), readme));
    }
}
