using Natak.Testing;

namespace Natak.Docs.Tests;

public sealed class DocReferenceTests
{
    [Fact]
    public void Every_link_and_document_reference_in_the_repository_resolves()
    {
        var report = DocReferenceChecker.ForTree(RepoPaths.Root).CheckAll();

        Assert.True(report.Dangling.Count == 0,
            $"{report.Dangling.Count} dangling reference(s):{Environment.NewLine}{string.Join(Environment.NewLine, report.Dangling)}");

        // not vacuous: the README, the contract, code comments and infrastructure were all read, with references in them
        Assert.Contains("README.md", report.CheckedFiles);
        Assert.Contains("docs/api.md", report.CheckedFiles);
        Assert.Contains("infra/modules/functionApp.bicep", report.CheckedFiles);
        Assert.Contains("src/Natak.Tables/Credits/CreditLedger.cs", report.CheckedFiles);
        Assert.True(report.ReferencesSeen > 200, $"only {report.ReferencesSeen} references were seen");
    }

    [Fact]
    public void The_checker_names_each_dangling_link_anchor_and_mention_and_passes_the_good_ones()
    {
        // Written in capitals (DOCS/, .MD) so that this file itself mentions no document that does not exist.
        using var tree = new TempTree(new Dictionary<string, string>
        {
            ["README.md"] = Text(
                "# Sample",
                "[the guide](DOCS/guide.MD), [its setup](DOCS/guide.MD#set-up-the-host), [gone](DOCS/gone.MD).",
                "[a wrong anchor](DOCS/guide.MD#no-such-heading), [up and out](../outside.MD), [the web](https://example.com/x.MD)",
                "```",
                "[inside a fence](not-a-link-anyway)",
                "```"),
            [Text("DOCS/guide.MD")] = Text(
                "# Guide",
                "## Set up the host",
                "[back](../README.MD), [here](#guide), mentioned: `DOCS/guide.MD`, `other.MD`, `/abs/path/notes.MD`."),
            ["src/Widget.cs"] = Text(
                "// see DOCS/guide.MD and DOCS/missing.MD",
                "// and README.MD, but not Vanished.MD"),
            ["infra/main.bicep"] = Text("// params explained in DOCS/deploy.MD"),
        });

        var report = DocReferenceChecker.ForTree(tree.Root).CheckAll();

        Assert.Equal(
            [
                ("README.md", 2, Text("DOCS/gone.MD")),
                ("README.md", 3, Text("DOCS/guide.MD#no-such-heading")),
                ("README.md", 3, Text("../outside.MD")),
                (Text("DOCS/guide.MD"), 3, Text("other.MD")),
                (Text("DOCS/guide.MD"), 3, Text("/abs/path/notes.MD")),
                ("infra/main.bicep", 1, Text("DOCS/deploy.MD")),
                ("src/Widget.cs", 1, Text("DOCS/missing.MD")),
                ("src/Widget.cs", 2, Text("Vanished.MD")),
            ],
            report.Dangling.Select(d => (d.File, d.Line, d.Reference)).OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line));
        Assert.Contains("outside the repository", report.Dangling.Single(d => d.Reference.StartsWith("../", StringComparison.Ordinal)).Why, StringComparison.Ordinal);
        Assert.Contains("#no-such-heading", report.Dangling.Single(d => d.Reference.Contains('#', StringComparison.Ordinal)).Why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Why the two hosts cannot drift", "why-the-two-hosts-cannot-drift")]
    [InlineData("5. Cloudflare R2 through AWSSDK.S3 (v4)", "5-cloudflare-r2-through-awssdks3-v4")]
    [InlineData("SSRF rules (`SafeHttpFetcher`)", "ssrf-rules-safehttpfetcher")]
    [InlineData("The S3 client ([provider-apis.md](provider-apis.md) §5)", "the-s3-client-provider-apismd-5")]
    [InlineData("Characters and uploads — the routes", "characters-and-uploads--the-routes")]
    public void Anchors_are_made_from_headings_as_GitHub_makes_them(string heading, string anchor)
    {
        Assert.Equal(anchor, DocReferenceChecker.Slug(heading));
    }

    /// <summary>Lines of a sample file, with DOCS/ and .MD turned into the real spelling.</summary>
    private static string Text(params string[] lines) =>
        string.Join('\n', lines).Replace("DOCS/", "docs/", StringComparison.Ordinal).Replace(".MD", ".md", StringComparison.Ordinal);
}
