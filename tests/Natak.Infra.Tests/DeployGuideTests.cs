using System.Text.RegularExpressions;

namespace Natak.Infra.Tests;

public sealed partial class DeployGuideTests
{
    [Fact]
    public async Task Settings_table_at_the_top_lists_every_app_setting_the_template_sets()
    {
        var table = FirstTable(File.ReadAllLines(Infra.DeployGuide));
        var documented = table.SelectMany(row => Code().Matches(row.Split('|')[1]).Select(m => m.Groups[1].Value)).ToHashSet();

        var settings = (await Infra.CompiledAsync()).AppSettings().Select(s => s.Name).ToList();

        Assert.NotEmpty(settings);
        var missing = settings.Where(s => !documented.Contains(s)).ToList();
        Assert.True(missing.Count == 0, "docs/deploy.md settings table lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Guide_names_every_key_vault_secret_the_app_references()
    {
        var template = await Infra.CompiledAsync();
        var guide = File.ReadAllText(Infra.DeployGuide);

        var secretNames = template.Module("functionApp").Variables["secretNames"]!.AsObject()
            .Select(p => ArmTemplate.Text(p.Value))
            .ToList();

        Assert.NotEmpty(secretNames);
        Assert.All(secretNames, name => Assert.Contains('`' + name + '`', guide, StringComparison.Ordinal));
    }

    // The first Markdown table in the file: its data rows (header and separator skipped).
    private static List<string> FirstTable(string[] lines) =>
        lines.SkipWhile(l => !l.TrimStart().StartsWith('|'))
            .TakeWhile(l => l.TrimStart().StartsWith('|'))
            .Skip(2)
            .ToList();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
