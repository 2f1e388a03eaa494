using System.Text.Json.Nodes;
using Natak.Core.Pricing;

namespace Natak.Core.Tests.Pricing;

public class CatalogValidationTests
{
    [Fact]
    public void The_embedded_default_catalogue_is_valid()
    {
        Assert.True(PricingCatalog.TryParse(PricingCatalog.DefaultJson(), out var catalog, out var errors), string.Join("\n", errors));
        Assert.Equal(["starter", "pro", "agency"], catalog.Packs.Select(p => p.Key));
        Assert.Equal([100, 500, 2000], catalog.Packs.Select(p => p.Credits));
        Assert.Equal([5m, 20m, 60m], catalog.Packs.Select(p => p.PriceUsd));
    }

    [Fact]
    public void A_models_prompt_style_is_optional_text()
    {
        Assert.StartsWith("Comma-separated booru-style tags", PricingCatalog.LoadDefault().Model("pony-realism").PromptStyle, StringComparison.Ordinal);
        Assert.Null(PricingCatalog.LoadDefault().Model("sam-3").PromptStyle);

        var errors = ErrorsOf(doc => doc["models"]!["pony-realism"]!["promptStyle"] = 5);

        Assert.Contains(errors, e => e.StartsWith("models.pony-realism.promptStyle:", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_model_referenced_by_the_pipeline_is_named_with_the_candidates()
    {
        var errors = ErrorsOf(doc => doc["pipeline"]!["segment"] = "sam-4");

        Assert.Contains("pipeline.segment: unknown model 'sam-4'; segment models: sam-3", errors);
    }

    [Fact]
    public void An_unknown_model_in_a_credit_rule_is_rejected()
    {
        var errors = ErrorsOf(doc => doc["credits"]!["outputTypes"]!["basic-image"]!["match"]!["models"] = new JsonArray("flux-9"));

        Assert.Contains("credits.outputTypes.basic-image.match.models[0]: unknown model 'flux-9'; image models: z-image-turbo, pony-realism, nano-banana-pro", errors);
    }

    [Fact]
    public void A_pipeline_model_of_the_wrong_kind_is_rejected()
    {
        var errors = ErrorsOf(doc => doc["pipeline"]!["upscale"] = "sam-3");

        Assert.Contains("pipeline.upscale: must name a upscale model ('sam-3' is a segment model)", errors);
    }

    [Fact]
    public void A_pack_selling_credits_below_the_formulas_credit_value_is_rejected()
    {
        var errors = ErrorsOf(doc => doc["packs"]!["agency"]!["priceUsd"] = 50m);

        Assert.Contains("credits.formula.creditValueUsd: 0.03 is more than pack 'agency' earns per credit (0.025); set it to the cheapest pack's $/credit", errors);
    }

    [Fact]
    public void A_negative_price_is_rejected_with_its_path()
    {
        var errors = ErrorsOf(doc => doc["models"]!["kling-2.6-pro"]!["price"]!["rates"]![1]!["usd"] = -0.14m);

        Assert.Contains("models.kling-2.6-pro.price.rates[1].usd: must be a non-negative amount (got -0.14)", errors);
    }

    [Fact]
    public void An_output_type_without_a_credit_price_is_rejected()
    {
        var errors = ErrorsOf(doc => doc["credits"]!["outputTypes"]!["basic-image"]!.AsObject().Remove("credits"));

        Assert.Contains("credits.outputTypes.basic-image: has no credit price: give a fixed price (credits) or formula: true", errors);
    }

    [Fact]
    public void A_kind_without_a_catch_all_credit_price_is_rejected()
    {
        var errors = ErrorsOf(doc => doc["credits"]!["outputTypes"]!.AsObject().Remove("other-video"));

        Assert.Contains(errors, e => e.StartsWith("credits.outputTypes: no credit price for every video output", StringComparison.Ordinal));
    }

    [Fact]
    public void A_video_resolution_without_a_per_second_rate_is_rejected()
    {
        var errors = ErrorsOf(doc => doc["models"]!["ltx-2-fast"]!["price"]!["rates"]!.AsArray().RemoveAt(2));

        Assert.Contains("models.ltx-2-fast.price.rates: no per-second rate for resolution 2160p with audio=false", errors);
        Assert.Contains("models.ltx-2-fast.price.rates: no per-second rate for resolution 2160p with audio=true", errors);
    }

    [Fact]
    public void A_shorter_duration_limit_must_name_an_offered_resolution_and_leave_a_duration()
    {
        var errors = ErrorsOf(doc =>
        {
            var limits = doc["models"]!["ltx-2-fast"]!["parameters"]!["durations"]!["maxByResolution"]!;
            limits["720p"] = 10;
            limits["2160p"] = 4;
        });

        Assert.Contains("models.ltx-2-fast.parameters.durations.maxByResolution.720p: names a resolution the model does not offer: 1080p, 1440p, 2160p", errors);
        Assert.Contains("models.ltx-2-fast.parameters.durations.maxByResolution.2160p: leaves no allowed duration at that resolution", errors);
    }

    [Fact]
    public void The_default_duration_must_be_allowed_at_the_default_resolution()
    {
        var errors = ErrorsOf(doc => doc["models"]!["veo-3"]!["parameters"]!["durations"]!["maxByResolution"] = new JsonObject { ["720p"] = 6 });

        Assert.Contains("models.veo-3.parameters.defaultDuration: must be one of: 4, 6 at the default resolution 720p", errors);
    }

    [Fact]
    public void A_misspelt_property_is_reported_instead_of_ignored()
    {
        var errors = ErrorsOf(doc =>
        {
            var price = doc["models"]!["sam-3"]!["price"]!.AsObject();
            price["usdd"] = price["usd"]!.DeepClone();
            price.Remove("usd");
        });

        Assert.Contains("models.sam-3.price.usd: is required", errors);
        Assert.Contains(errors, e => e.StartsWith("models.sam-3.price.usdd: unknown property; expected one of: unit, usd,", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_enum_value_lists_the_allowed_values()
    {
        var errors = ErrorsOf(doc => doc["models"]!["grok"]!["price"]!["unit"] = "per-prompt");

        Assert.Contains("models.grok.price.unit: 'per-prompt' is not one of: request, image, megapixel, step, second, base-plus-extra-second, token, gb-month", errors);
    }

    [Fact]
    public void Every_structural_problem_is_listed_at_once_in_the_start_up_exception()
    {
        var json = Mutate(doc =>
        {
            doc["models"]!["grok"]!["price"]!["unit"] = "per-prompt";
            doc["models"]!["wan-2.5"]!["price"]!["rates"]![0]!["usd"] = -1;
            doc["packs"]!["pro"]!["priceUsd"] = 0;
        });

        var ex = Assert.Throws<InvalidPricingCatalogException>(() => PricingCatalog.Parse(json));

        Assert.Equal(3, ex.Errors.Count);
        Assert.Contains("models.grok.price.unit", ex.Message, StringComparison.Ordinal);
        Assert.Contains("models.wan-2.5.price.rates[0].usd", ex.Message, StringComparison.Ordinal);
        Assert.Contains("packs.pro.priceUsd: must be greater than 0 (got 0)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_json_is_rejected()
    {
        Assert.False(PricingCatalog.TryParse("{ models: ", out _, out var errors));
        Assert.StartsWith("$: not valid JSON", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_changes_a_price_without_code()
    {
        const string patch = """{ "models": { "kling-2.6-pro": { "price": { "rates": [ { "audio": false, "usd": 0.08 }, { "audio": true, "usd": 0.16 } ] } } } }""";
        var engine = new QuoteEngine(PricingCatalog.LoadDefault(patch), Natak.Core.Requests.UrlPolicy.HttpsOnly);

        var before = Catalogs.QuoteOf(Requests.PremiumVideo());
        var after = engine.Quote(Requests.PremiumVideo()).Quote!;

        Assert.Equal(0.70m, before.Steps.Single(s => s.Name == "video").CostUsd);
        Assert.Equal(0.80m, after.Steps.Single(s => s.Name == "video").CostUsd);
        Assert.Equal(before.CostUsd + 0.10m, after.CostUsd);
    }

    [Fact]
    public void An_override_of_a_credit_price_keeps_the_rule_order()
    {
        var catalog = PricingCatalog.LoadDefault("""{ "credits": { "outputTypes": { "premium-video": { "credits": 20 } } } }""");
        var engine = new QuoteEngine(catalog, Natak.Core.Requests.UrlPolicy.HttpsOnly);

        var quote = engine.Quote(Requests.PremiumVideo()).Quote!;

        Assert.Equal(("premium-video", 20), (quote.OutputType, quote.Credits));
        Assert.Equal(Catalogs.Default.OutputTypes.Select(t => t.Key), catalog.OutputTypes.Select(t => t.Key));
    }

    [Fact]
    public void An_override_that_breaks_the_catalogue_fails_at_load()
    {
        var ex = Assert.Throws<InvalidPricingCatalogException>(() =>
            PricingCatalog.LoadDefault("""{ "defaults": { "videoModel": "sora" } }"""));

        Assert.Contains("defaults.videoModel: unknown model 'sora'; video models: ltx-2-fast,", ex.Errors[0], StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> ErrorsOf(Action<JsonNode> mutate)
    {
        Assert.False(PricingCatalog.TryParse(Mutate(mutate), out _, out var errors));
        return errors;
    }

    private static string Mutate(Action<JsonNode> mutate)
    {
        var document = JsonNode.Parse(PricingCatalog.DefaultJson())!;
        mutate(document);
        return document.ToJsonString();
    }
}
