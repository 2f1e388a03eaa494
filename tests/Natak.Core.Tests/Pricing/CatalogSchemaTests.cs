using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Natak.Core.Pricing;
using Natak.Testing;

namespace Natak.Core.Tests.Pricing;

/// <summary>
/// The published JSON Schemas (docs/pricing-catalogue.schema.json, docs/pricing-catalogue-patch.schema.json) are what the catalogue records export, the
/// embedded catalogue satisfies them, and they refuse what the reader refuses.
/// To regenerate the files: <c>NATAK_WRITE_SCHEMA=1 dotnet test tests/Natak.Core.Tests --filter CatalogSchemaTests</c>.
/// </summary>
public class CatalogSchemaTests
{
    private static readonly Lazy<JsonSchema> CatalogueSchema = new(() => JsonSchema.FromText(PricingCatalog.JsonSchema()));

    private static readonly Lazy<JsonSchema> PatchSchema = new(() => JsonSchema.FromText(PricingCatalog.JsonSchema(patch: true)));

    [Theory]
    [InlineData("pricing-catalogue.schema.json", false)]
    [InlineData("pricing-catalogue-patch.schema.json", true)]
    public void The_published_schema_is_the_one_the_records_export(string file, bool patch)
    {
        var path = Path.Combine(RepoPaths.Root, "docs", file);
        var exported = PricingCatalog.JsonSchema(patch);
        if (Environment.GetEnvironmentVariable("NATAK_WRITE_SCHEMA") == "1")
        {
            File.WriteAllText(path, exported);
        }

        var published = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : string.Empty;
        Assert.True(published == exported,
            $"docs/{file} differs from what the catalogue records export; regenerate it: NATAK_WRITE_SCHEMA=1 dotnet test tests/Natak.Core.Tests --filter CatalogSchemaTests");
    }

    [Fact]
    public void The_embedded_catalogue_satisfies_its_schema()
    {
        Assert.Empty(Problems(CatalogueSchema.Value, PricingCatalog.DefaultJson()));
    }

    [Fact]
    public void The_embedded_catalogue_points_editors_at_the_schema()
    {
        var reference = (string?)JsonNode.Parse(PricingCatalog.DefaultJson())!["$schema"];
        var catalogFolder = Path.Combine(RepoPaths.Root, "src", "Natak.Core", "Pricing");

        Assert.Equal(Path.Combine(RepoPaths.Root, "docs", "pricing-catalogue.schema.json"), Path.GetFullPath(Path.Combine(catalogFolder, reference!)));
    }

    private static readonly (string Problem, string Patch)[] BrokenPatches =
    [
        ("misspelt member", """{ "models": { "sam-3": { "price": { "usd": null, "usdd": 0.005 } } } }"""),
        ("computed member", """{ "packs": { "pro": { "usdPerCredit": 0.04 } } }"""),
        ("enum value in another case", """{ "models": { "grok": { "price": { "unit": "Token" } } } }"""),
        ("enum value as a number", """{ "models": { "grok": { "kind": 0 } } }"""),
        ("price of zero", """{ "packs": { "pro": { "priceUsd": 0 } } }"""),
        ("negative rate", """{ "models": { "wan-2.5": { "price": { "rates": [ { "resolution": "720p", "usd": -0.05 } ] } } } }"""),
        ("number as text", """{ "limits": { "promptMaxLength": "2000" } }"""),
        ("blank text", """{ "version": " " }"""),
        ("empty list", """{ "ratings": [] }"""),
        ("size not WxH", """{ "character": { "referenceSize": "large" } }"""),
        ("unknown input", """{ "models": { "sam-3": { "providers": [ { "provider": "fal", "endpoints": { "default": { "modelId": "fal-ai/sam-3/image", "inputs": { "picture": "image_url" } } } } ] } } }"""),
        ("unknown feature", """{ "credits": { "outputTypes": { "basic-image": { "match": { "noFeatures": ["outfit", "upscaled"] } } } } }"""),
        ("unknown format", """{ "models": { "veo-3": { "providers": [ { "provider": "fal", "endpoints": { "image-to-video": { "modelId": "fal-ai/veo3.1/image-to-video", "inputs": { "duration": { "field": "duration", "format": "seconds" } } } } } ] } } }"""),
        ("rate without usd", """{ "models": { "wan-2.5": { "price": { "rates": [ { "resolution": "720p" } ] } } } }"""),
        ("model without a price", """{ "models": { "sora-2": { "kind": "video", "name": "Sora 2", "providers": [ { "provider": "fal", "endpoints": { "image-to-video": { "modelId": "x" } } } ] } } }"""),
    ];

    public static TheoryData<string, string> BrokenDocuments => Data(BrokenPatches);

    /// <summary>A patch may add a model piecewise: only the merged document lacks the price, so the last one is not wrong in itself.</summary>
    public static TheoryData<string, string> PatchesWrongInThemselves => Data(BrokenPatches[..^1]);

    [Theory]
    [MemberData(nameof(BrokenDocuments))]
    public void The_reader_and_the_schema_both_refuse_a_broken_document(string problem, string patch)
    {
        var document = PricingCatalog.DefaultJson(patch);

        Assert.False(PricingCatalog.TryParse(document, out _, out _), $"the reader accepted a document with a {problem}");
        Assert.True(Problems(CatalogueSchema.Value, document).Count > 0, $"the schema accepted a document with a {problem}");
    }

    [Fact]
    public void The_patch_schema_takes_a_partial_patch_and_a_deletion_that_the_catalogue_schema_does_not()
    {
        const string patch = """
            { "models": { "kling-2.6-pro": { "price": { "rates": [ { "audio": false, "usd": 0.08 }, { "audio": true, "usd": 0.16 } ] } }, "veo-3": null },
              "credits": { "outputTypes": { "premium-video": { "credits": 20 } } } }
            """;

        Assert.Empty(Problems(PatchSchema.Value, patch));
        Assert.NotEmpty(Problems(CatalogueSchema.Value, patch));
        Assert.False(PricingCatalog.LoadDefault(patch).Models.ContainsKey("veo-3"));
    }

    [Theory]
    [MemberData(nameof(PatchesWrongInThemselves))]
    public void The_patch_schema_refuses_a_patch_the_loader_refuses(string problem, string patch)
    {
        Assert.Throws<InvalidPricingCatalogException>(() => PricingCatalog.LoadDefault(patch));
        Assert.True(Problems(PatchSchema.Value, patch).Count > 0, $"the patch schema accepted a patch with a {problem}");
    }

    private static TheoryData<string, string> Data(IEnumerable<(string Problem, string Patch)> cases)
    {
        var data = new TheoryData<string, string>();
        foreach (var (problem, patch) in cases)
        {
            data.Add(problem, patch);
        }

        return data;
    }

    private static List<string> Problems(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }
}
