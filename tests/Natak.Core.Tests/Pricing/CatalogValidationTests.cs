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
    public void Reading_places_each_model_endpoint_and_input_under_its_key()
    {
        var kling = Catalogs.Default.Model("kling-2.6-pro");
        var wavespeed = kling.Endpoint("wavespeed", EndpointVariants.ImageToVideo)!;
        var fal = kling.Endpoint("fal", EndpointVariants.ImageToVideo)!;

        Assert.Equal(("kling-2.6-pro", "wavespeed", "image-to-video"), (kling.Key, wavespeed.Provider, wavespeed.Variant));
        Assert.Equal(new InputMapping("duration", InputFormat.Integer), wavespeed.Inputs[InputNames.Duration]);
        Assert.Equal(new InputMapping("duration", InputFormat.String), fal.Inputs[InputNames.Duration]);
        Assert.Equal(["lora-training", "premium-image", "basic-image", "ltx-video", "premium-video", "other-image", "other-video"], Catalogs.Default.OutputTypes.Select(t => t.Key));
    }

    [Fact]
    public void A_models_prompt_style_is_optional_text()
    {
        Assert.StartsWith("Comma-separated booru-style tags", Catalogs.Default.Model("pony-realism").PromptStyle, StringComparison.Ordinal);
        Assert.Null(Catalogs.Default.Model("sam-3").PromptStyle);

        Assert.Contains("$.models.pony-realism.promptStyle: must be a string", ErrorsOf(doc => doc["models"]!["pony-realism"]!["promptStyle"] = 5));
        Assert.Contains("$.models.pony-realism.promptStyle: must not be blank", ErrorsOf(doc => doc["models"]!["pony-realism"]!["promptStyle"] = " "));
    }

    [Fact]
    public void An_unknown_model_referenced_by_the_pipeline_is_named_with_the_candidates()
    {
        var errors = ErrorsOf(doc => doc["pipeline"]!["segment"] = "sam-4");

        Assert.Contains("$.pipeline.segment: unknown model 'sam-4'; segment models: sam-3", errors);
    }

    [Fact]
    public void An_unknown_model_in_a_credit_rule_is_rejected()
    {
        var errors = ErrorsOf(doc => doc["credits"]!["outputTypes"]!["basic-image"]!["match"]!["models"] = new JsonArray("flux-9"));

        Assert.Contains("$.credits.outputTypes.basic-image.match.models[0]: unknown model 'flux-9'; image models: z-image-turbo, pony-realism, nano-banana-pro", errors);
    }

    [Fact]
    public void A_pipeline_model_of_the_wrong_kind_is_rejected()
    {
        var errors = ErrorsOf(doc => doc["pipeline"]!["upscale"] = "sam-3");

        Assert.Contains("$.pipeline.upscale: must name a upscale model ('sam-3' is a segment model)", errors);
    }

    [Fact]
    public void A_pack_selling_credits_below_the_formulas_credit_value_is_rejected()
    {
        var errors = ErrorsOf(doc => doc["packs"]!["agency"]!["priceUsd"] = 50m);

        Assert.Contains("$.credits.formula.creditValueUsd: 0.03 is more than pack 'agency' earns per credit (0.025); set it to the cheapest pack's $/credit", errors);
    }

    [Fact]
    public void A_negative_price_is_rejected_with_its_path()
    {
        var errors = ErrorsOf(doc => doc["models"]!["kling-2.6-pro"]!["price"]!["rates"]![1]!["usd"] = -0.14m);

        Assert.Contains("$.models['kling-2.6-pro'].price.rates[1].usd: must be at least 0 (got -0.14)", errors);
    }

    [Fact]
    public void A_missing_required_member_is_named_by_its_path()
    {
        var errors = ErrorsOf(doc => doc["models"]!["kling-2.6-pro"]!.AsObject().Remove("name"));

        Assert.Equal(["$.models['kling-2.6-pro'].name: is required"], errors);
    }

    [Fact]
    public void A_value_of_the_wrong_type_or_null_is_named_by_its_path()
    {
        var errors = ErrorsOf(doc =>
        {
            doc["limits"]!["promptMaxLength"] = "2000";
            doc["models"]!["wan-2.5"]!["parameters"]!["audio"] = "yes";
            doc["ratings"]![0] = null;
            doc["video"]!["extractFrame"] = null;
        });

        Assert.Contains("$.limits.promptMaxLength: must be a whole number", errors);
        Assert.Contains("$.models['wan-2.5'].parameters.audio: must be true or false", errors);
        Assert.Contains("$.ratings[0]: must not be null", errors);
        Assert.Contains("$.video.extractFrame: must not be null", errors);
    }

    [Fact]
    public void An_output_type_without_a_credit_price_or_with_two_is_rejected()
    {
        var none = ErrorsOf(doc => doc["credits"]!["outputTypes"]!["basic-image"]!.AsObject().Remove("credits"));
        var both = ErrorsOf(doc => doc["credits"]!["outputTypes"]!["basic-image"]!["formula"] = true);

        Assert.Contains("$.credits.outputTypes.basic-image: needs exactly one of: credits, formula: true (got none)", none);
        Assert.Contains("$.credits.outputTypes.basic-image: needs exactly one of: credits, formula: true (got credits and formula: true)", both);
    }

    [Fact]
    public void A_price_gives_exactly_the_members_of_its_unit()
    {
        var both = ErrorsOf(doc => doc["models"]!["sam-3"]!["price"]!["rates"] = new JsonArray(new JsonObject { ["usd"] = 0.01m }));
        var wrongUnit = ErrorsOf(doc => doc["models"]!["sam-3"]!["price"]!["unit"] = "second");
        var partial = ErrorsOf(doc => doc["models"]!["kling-2.1-pro"]!["price"]!.AsObject().Remove("extraSecondUsd"));

        Assert.Contains("$.models.sam-3.price: needs exactly one of: usd, rates, {baseSeconds, baseUsd, extraSecondUsd}, {inputPerMillionUsd, outputPerMillionUsd} (got usd and rates)", both);
        Assert.Contains("$.models.sam-3.price.unit: a 'second' price is given by rates, not usd", wrongUnit);
        Assert.Contains("$.models['kling-2.1-pro'].price.extraSecondUsd: is required", partial);
    }

    [Fact]
    public void A_size_rule_has_either_a_list_or_bounds()
    {
        var errors = ErrorsOf(doc => doc["models"]!["nano-banana-pro"]!["parameters"]!["size"]!["minSide"] = 512);
        var halfBounds = ErrorsOf(doc => doc["models"]!["z-image-turbo"]!["parameters"]!["size"]!.AsObject().Remove("maxSide"));

        Assert.Contains("$.models.nano-banana-pro.parameters.size: needs exactly one of: values, {minSide, maxSide} (got values and {minSide, maxSide})", errors);
        Assert.Contains("$.models.z-image-turbo.parameters.size.maxSide: is required", halfBounds);
    }

    [Fact]
    public void A_kind_without_a_catch_all_credit_price_is_rejected()
    {
        var errors = ErrorsOf(doc => doc["credits"]!["outputTypes"]!.AsObject().Remove("other-video"));

        Assert.Contains(errors, e => e.StartsWith("$.credits.outputTypes: no credit price for every video output", StringComparison.Ordinal));
    }

    [Fact]
    public void A_video_resolution_without_a_per_second_rate_is_rejected()
    {
        var errors = ErrorsOf(doc => doc["models"]!["ltx-2-fast"]!["price"]!["rates"]!.AsArray().RemoveAt(2));

        Assert.Contains("$.models.ltx-2-fast.price.rates: no per-second rate for resolution 2160p with audio=false", errors);
        Assert.Contains("$.models.ltx-2-fast.price.rates: no per-second rate for resolution 2160p with audio=true", errors);
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

        Assert.Contains("$.models.ltx-2-fast.parameters.durations.maxByResolution.720p: names a resolution the model does not offer: 1080p, 1440p, 2160p", errors);
        Assert.Contains("$.models.ltx-2-fast.parameters.durations.maxByResolution.2160p: leaves no allowed duration at that resolution", errors);
    }

    [Fact]
    public void The_default_duration_must_be_allowed_at_the_default_resolution()
    {
        var errors = ErrorsOf(doc => doc["models"]!["veo-3"]!["parameters"]!["durations"]!["maxByResolution"] = new JsonObject { ["720p"] = 6 });

        Assert.Contains("$.models.veo-3.parameters.defaultDuration: must be one of: 4, 6 at the default resolution 720p", errors);
    }

    [Fact]
    public void A_misspelt_property_is_reported_with_the_names_it_could_have_been()
    {
        var errors = ErrorsOf(doc =>
        {
            var price = doc["models"]!["sam-3"]!["price"]!.AsObject();
            price["usdd"] = price["usd"]!.DeepClone();
            price.Remove("usd");
        });

        Assert.Equal(["$.models.sam-3.price.usdd: unknown property; expected one of: unit, usd, rates, baseSeconds, baseUsd, extraSecondUsd, inputPerMillionUsd, outputPerMillionUsd"], errors);
    }

    [Fact]
    public void A_computed_member_is_not_part_of_the_document()
    {
        var errors = ErrorsOf(doc => doc["packs"]!["pro"]!["usdPerCredit"] = 0.01m);

        Assert.Equal(["$.packs.pro.usdPerCredit: unknown property; expected one of: credits, priceUsd"], errors);
    }

    [Fact]
    public void An_unknown_input_name_or_feature_lists_the_allowed_ones()
    {
        var errors = ErrorsOf(doc =>
        {
            doc["models"]!["sam-3"]!["providers"]![0]!["endpoints"]!["default"]!["inputs"]!["picture"] = "image_url";
            doc["credits"]!["outputTypes"]!["premium-image"]!["match"]!["anyFeature"]![1] = "upscaled";
        });

        Assert.Contains(errors, e => e.StartsWith("$.models.sam-3.providers[0].endpoints.default.inputs.picture: 'picture' is not one of: prompt, image, mask,", StringComparison.Ordinal));
        Assert.Contains("$.credits.outputTypes.premium-image.match.anyFeature[1]: 'upscaled' is not one of: idea, character, edit, control, outfit, upscale, audio, text-to-video, driving-video", errors);
    }

    [Theory]
    [InlineData("\"per-prompt\"", "'per-prompt' is not one of: request, image, megapixel, step, second, base-plus-extra-second, token, gb-month")]
    [InlineData("\"Token\"", "'Token' is not one of: request, image, megapixel, step, second, base-plus-extra-second, token, gb-month")]
    [InlineData("\"GbMonth\"", "'GbMonth' is not one of: request, image, megapixel, step, second, base-plus-extra-second, token, gb-month")]
    [InlineData("6", "must be one of: request, image, megapixel, step, second, base-plus-extra-second, token, gb-month")]
    public void Only_the_kebab_case_name_of_an_enum_value_is_read(string unit, string message)
    {
        var errors = ErrorsOf(doc => doc["models"]!["grok"]!["price"]!["unit"] = JsonNode.Parse(unit));

        Assert.Equal(["$.models.grok.price.unit: " + message], errors);
    }

    [Fact]
    public void Every_problem_is_listed_at_once_in_the_start_up_exception_with_its_path_in_the_document()
    {
        var json = Mutate(doc =>
        {
            doc["models"]!["grok"]!["price"]!["unit"] = "per-prompt";
            doc["models"]!["wan-2.6"]!["price"]!["rates"]![0]!["resolution"] = 720;
            doc["models"]!["wan-2.6"]!["price"]!["rates"]![1]!["usd"] = -1;
            doc["models"]!["wan-2.6"]!["price"]!["rates"]![1]!["audio"] = "no";
            doc["character"]!["triggerWordPattern"] = "([a-z";
            doc["packs"]!["pro"]!["priceUsd"] = 0;
        });

        var ex = Assert.Throws<InvalidPricingCatalogException>(() => PricingCatalog.Parse(json));

        Assert.Equal(
            [
                "$.character.triggerWordPattern: is not a valid regular expression: Invalid pattern '([a-z' at offset 5. Unterminated [] set.",
                "$.models.grok.price.unit: 'per-prompt' is not one of: request, image, megapixel, step, second, base-plus-extra-second, token, gb-month",
                "$.models['wan-2.6'].price.rates[0].resolution: must be a string",
                "$.models['wan-2.6'].price.rates[1].audio: must be true or false",
                "$.models['wan-2.6'].price.rates[1].usd: must be at least 0 (got -1)",
                "$.packs.pro.priceUsd: must be greater than 0 (got 0)",
            ],
            ex.Errors.Order(StringComparer.Ordinal));
        Assert.Contains("  - $.packs.pro.priceUsd: must be greater than 0 (got 0)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_count_array_items_as_written_when_an_earlier_item_was_unreadable()
    {
        var errors = ErrorsOf(doc =>
        {
            doc["models"]!["wan-2.6"]!["price"]!["rates"]![0]!["resolution"] = 720;
            doc["models"]!["wan-2.6"]!["price"]!["rates"]![1]!["usd"] = -1;
        });

        Assert.Equal(["$.models['wan-2.6'].price.rates[0].resolution: must be a string", "$.models['wan-2.6'].price.rates[1].usd: must be at least 0 (got -1)"], errors);
    }

    [Fact]
    public void Text_that_is_not_json_is_rejected()
    {
        Assert.False(PricingCatalog.TryParse("{ models: ", out _, out var errors));
        Assert.StartsWith("$: not valid JSON", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_key_is_rejected_rather_than_one_of_them_winning()
    {
        var ex = Assert.Throws<InvalidPricingCatalogException>(() =>
            PricingCatalog.LoadDefault("""{ "packs": { "pro": { "credits": 500, "credits": 5000 } } }"""));

        Assert.StartsWith("patch: not valid JSON (Duplicate property 'credits'", Assert.Single(ex.Errors), StringComparison.Ordinal);
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

        Assert.StartsWith("$.defaults.videoModel: unknown model 'sora'; video models: ltx-2-fast,", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_patch_that_adds_an_incomplete_model_names_what_it_lacks()
    {
        var ex = Assert.Throws<InvalidPricingCatalogException>(() =>
            PricingCatalog.LoadDefault("""{ "models": { "sora-2": { "kind": "video", "name": "Sora 2" } } }"""));

        Assert.Equal(["$.models.sora-2.price: is required", "$.models.sora-2.providers: is required"], ex.Errors);
    }

    internal static IReadOnlyList<string> ErrorsOf(Action<JsonNode> mutate)
    {
        Assert.False(PricingCatalog.TryParse(Mutate(mutate), out _, out var errors));
        return errors;
    }

    internal static string Mutate(Action<JsonNode> mutate)
    {
        var document = JsonNode.Parse(PricingCatalog.DefaultJson())!;
        mutate(document);
        return document.ToJsonString();
    }
}
