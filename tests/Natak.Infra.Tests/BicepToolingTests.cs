using System.Text.Json;
using System.Text.Json.Nodes;

namespace Natak.Infra.Tests;

public sealed class BicepToolingTests
{
    [Fact]
    public async Task Main_template_builds_without_errors_or_warnings()
    {
        var result = await Infra.BuildAsync();

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardError), "bicep build reported diagnostics:\n" + result.StandardError);
        Assert.StartsWith("{", result.StandardOutput.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bicep_file_passes_the_linter_cleanly()
    {
        var result = await BicepCli.RunAsync("lint", "--pattern", "infra/**/*.bicep");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardError + result.StandardOutput), "bicep lint reported:\n" + result.StandardError + result.StandardOutput);
    }

    [Theory]
    [InlineData("secure-secrets-in-params")]
    [InlineData("outputs-should-not-contain-secrets")]
    [InlineData("use-secure-value-for-secure-inputs")]
    [InlineData("no-hardcoded-env-urls")]
    public void Linter_config_keeps_secret_and_environment_rules_failing_the_build(string rule)
    {
        var config = JsonNode.Parse(
            File.ReadAllText(Path.Combine(Infra.Directory, "bicepconfig.json")),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;

        Assert.Equal("error", config["analyzers"]?["core"]?["rules"]?[rule]?["level"]?.GetValue<string>());
    }

    [Fact]
    public async Task Linter_with_the_repository_config_rejects_a_plain_string_secret_parameter()
    {
        // Proves the lint test above can fail: the same config flags a secret taken as a plain string.
        var directory = Directory.CreateTempSubdirectory("natak-bicep-");
        try
        {
            File.Copy(Path.Combine(Infra.Directory, "bicepconfig.json"), Path.Combine(directory.FullName, "bicepconfig.json"));
            var file = Path.Combine(directory.FullName, "leaky.bicep");
            await File.WriteAllTextAsync(file, "param webhookSecret string\noutput length int = length(webhookSecret)\n");

            var result = await BicepCli.RunAsync("lint", file);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("secure-secrets-in-params", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
