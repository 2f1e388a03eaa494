using System.Net;
using System.Text.Json.Nodes;
using Natak.EndToEnd.Tests.Infrastructure;
using static Natak.EndToEnd.Tests.Money.MoneyCalls;

namespace Natak.EndToEnd.Tests.Money;

[Collection(MoneyCollection.Name)]
public sealed class PricingAndQuoteTests(MoneyHostFixture fixture)
{
    /// <summary>The cost breakdown's worked examples (§7) as quote bodies, with §7's total and §9's credit price.</summary>
    public static TheoryData<string, string, decimal, int> WorkedExamples => new()
    {
        { "1 new character, 1000 steps", "character", 2.05m, 50 },
        { "2 basic image", "image", 0.013m, 1 },
        { "3 premium image", "image", 0.064m, 2 },
        { "4 LTX-2 Fast 5 s 1080p", "video", 0.21m, 5 },
        { "5 WAN 2.5 5 s 720p", "video", 0.26m, 18 },
        { "6 Kling 2.6 Pro 5 s with audio", "video", 0.71m, 15 },
    };

    [Fact]
    public async Task The_price_list_is_public_and_lists_the_output_types_and_packs_with_their_price_per_credit()
    {
        using var anonymous = fixture.Api();

        var response = await anonymous.GetAsync("/api/pricing");
        var pricing = await ReadAsync(response, HttpStatusCode.OK);

        var types = pricing["outputTypes"]!.AsArray().ToDictionary(t => (string)t!["key"]!, t => t!.AsObject());
        Assert.Equal(1, (int)types["basic-image"]["credits"]!);
        Assert.Equal(2, (int)types["premium-image"]["credits"]!);
        Assert.Equal((15, "seconds", 5), ((int)types["premium-video"]["credits"]!, (string)types["premium-video"]["per"]!["quantity"]!, (int)types["premium-video"]["per"]!["amount"]!));
        Assert.Equal((50, 1000), ((int)types["lora-training"]["credits"]!, (int)types["lora-training"]["per"]!["amount"]!));
        Assert.True((bool)types["other-video"]["formula"]!);
        Assert.Null(types["other-video"]["credits"]);
        var packs = pricing["packs"]!.AsArray().Select(p => ((string)p!["key"]!, (int)p["credits"]!, Decimal(p["priceUsd"]), Decimal(p["usdPerCredit"]))).ToList();
        Assert.Equal([("starter", 100, 5m, 0.05m), ("pro", 500, 20m, 0.04m), ("agency", 2000, 60m, 0.03m)], packs);
        Assert.Equal(0.03m, Decimal(pricing["formula"]!["creditValueUsd"]));
    }

    [Theory]
    [MemberData(nameof(WorkedExamples))]
    public async Task A_worked_example_is_quoted_within_tolerance_at_its_credit_price(string example, string kind, decimal expectedUsd, int expectedCredits)
    {
        using var api = fixture.Api(Users.New("quoter"));

        var quote = await PostAsync(api, "/api/quotes", new { kind, request = RequestFor(example) }, HttpStatusCode.OK);

        // docs/pricing-catalogue.md: within $0.005 or 3 %, whichever is larger (§7 rounds 1.05 MP × $0.008 up to $0.01).
        var tolerance = Math.Max(0.005m, expectedUsd * 0.03m);
        Assert.InRange(Decimal(quote["costUsd"]), expectedUsd - tolerance, expectedUsd + tolerance);
        Assert.Equal(expectedCredits, (int)quote["credits"]!);
        Assert.Equal(1, (int)quote["outputCount"]!);
        Assert.Equal(expectedCredits, (int)quote["creditsPerOutput"]!);
        var steps = quote["steps"]!.AsArray();
        Assert.Equal(Decimal(quote["costUsd"]), steps.Sum(s => Decimal(s!["costUsd"])));
        Assert.All(steps, s => Assert.False(string.IsNullOrEmpty((string?)s!["provider"]) || string.IsNullOrEmpty((string?)s["model"]), s!.ToJsonString()));
    }

    [Fact]
    public async Task The_five_credit_prices_of_the_cost_breakdown_come_out_exactly()
    {
        using var api = fixture.Api(Users.New("quoter"));
        var examples = new (string Kind, string Example, string OutputType, int Credits)[]
        {
            ("character", "1", "lora-training", 50),
            ("image", "2", "basic-image", 1),
            ("image", "3", "premium-image", 2),
            ("video", "4", "ltx-video", 5),
            ("video", "6", "premium-video", 15),
        };

        foreach (var (kind, example, outputType, credits) in examples)
        {
            var quote = await PostAsync(api, "/api/quotes", new { kind, request = RequestFor(example) }, HttpStatusCode.OK);
            Assert.Equal((outputType, credits), ((string)quote["outputType"]!, (int)quote["credits"]!));
        }
    }

    [Fact]
    public async Task A_premium_image_quote_itemises_each_step_with_its_provider_model_and_cost()
    {
        using var api = fixture.Api(Users.New("quoter"));

        var quote = await PostAsync(api, "/api/quotes", new { kind = "image", request = RequestFor("3") }, HttpStatusCode.OK);

        var steps = quote["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
        Assert.Equal(["prompt", "generate", "segment", "inpaint", "upscale"], steps.Select(s => (string)s["name"]!));
        var upscale = steps.Single(s => (string)s["name"]! == "upscale");
        Assert.Equal(("fal", "fal-ai/seedvr/upscale/image", 0.026214m, 1), ((string)upscale["provider"]!, (string)upscale["model"]!, Decimal(upscale["costUsd"]), (int)upscale["count"]!));
        Assert.Equal("xai", (string)steps[0]["provider"]!);
    }

    [Fact]
    public async Task A_batch_quote_charges_every_output_and_counts_the_per_output_steps()
    {
        using var api = fixture.Api(Users.New("quoter"));

        var quote = await PostAsync(api, "/api/quotes", new { kind = "image", request = new { prompt = "a lighthouse", count = 4 } }, HttpStatusCode.OK);

        Assert.Equal((4, 1, 4), ((int)quote["credits"]!, (int)quote["creditsPerOutput"]!, (int)quote["outputCount"]!));
        Assert.Equal(4, (int)quote["steps"]!.AsArray().Single(s => (string)s!["name"]! == "generate")!["count"]!);
    }

    [Fact]
    public async Task A_quote_starts_nothing_and_holds_nothing_even_when_the_caller_cannot_afford_it()
    {
        var user = Users.New("window-shopper");
        using var api = fixture.Api(user);

        await PostAsync(api, "/api/quotes", new { kind = "video", request = RequestFor("6") }, HttpStatusCode.OK);

        Assert.Empty((await GetAsync(api, "/api/jobs"))["items"]!.AsArray());
        Assert.Equal((0, 0, 0), await CreditsAsync(api));
        Assert.Empty(await JournalAsync(api));
    }

    [Fact]
    public async Task An_invalid_inner_request_is_a_400_naming_its_fields_under_request()
    {
        using var api = fixture.Api(Users.New("quoter"));

        var upscale = await api.PostJsonAsync("/api/quotes", new { kind = "image", request = new { idea = "x", upscale = 3 } });
        var kling = await api.PostJsonAsync("/api/quotes", new { kind = "video", request = new { model = "kling-2.6-pro", prompt = "x", durationSeconds = 7, rating = "nsfw" } });
        var misspelt = await api.PostJsonAsync("/api/quotes", new { kind = "image", request = new { prompt = "x", widht = 1024 } });
        var badUrl = await api.PostJsonAsync("/api/quotes", new { kind = "image", request = new { prompt = "x", sourceImageUrl = "http://example.com/a.png" } });

        await ValidationAsync(upscale, "request.upscale");
        await ValidationAsync(kling, "request.durationSeconds", "request.rating");
        await ValidationAsync(misspelt, "request.widht");
        await ValidationAsync(badUrl, "request.sourceImageUrl");
    }

    [Fact]
    public async Task A_bad_envelope_is_a_400_naming_kind_or_request()
    {
        using var api = fixture.Api(Users.New("quoter"));

        await ValidationAsync(await api.PostJsonAsync("/api/quotes", new { kind = "audio", request = new { prompt = "x" } }), "kind");
        await ValidationAsync(await api.PostJsonAsync("/api/quotes", new { kind = "image" }), "request");
        await ValidationAsync(await api.PostJsonAsync("/api/quotes", new { kind = "image", request = "a lighthouse" }), "request");
        await ValidationAsync(await api.PostJsonAsync("/api/quotes", new { kind = "image", request = new { prompt = "x" }, budget = 5 }), "budget");
        await ProblemAsync(await api.PostRawAsync("/api/quotes", "{ not json", "application/json"), HttpStatusCode.BadRequest, "malformed_json");
        await ProblemAsync(await api.PostRawAsync("/api/quotes", "kind=image", "text/plain"), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task A_quote_needs_a_signed_in_caller()
    {
        using var anonymous = fixture.Api();

        await ProblemAsync(await anonymous.PostJsonAsync("/api/quotes", new { kind = "image", request = new { prompt = "x" } }), HttpStatusCode.Unauthorized, "unauthorized");
    }

    /// <summary>The request bodies of the worked examples, by the example's number (its first character).</summary>
    internal static JsonObject RequestFor(string example) => example[0] switch
    {
        '1' => new JsonObject
        {
            ["name"] = "Maya",
            ["imageUrls"] = new JsonArray([.. Enumerable.Range(1, 4).Select(i => (JsonNode)$"https://uploads.example.com/maya-{i}.jpg")]),
            ["quality"] = "fast",
        },
        '2' => new JsonObject { ["idea"] = "a woman reading in a sunlit cafe", ["model"] = "z-image-turbo", ["width"] = 1024, ["height"] = 1024 },
        '3' => new JsonObject
        {
            ["idea"] = "a woman reading in a sunlit cafe",
            ["model"] = "z-image-turbo",
            ["width"] = 1024,
            ["height"] = 1024,
            ["outfit"] = new JsonObject { ["description"] = "red summer dress" },
            ["upscale"] = 5,
        },
        '4' => Video("ltx-2-fast", "1080p", "nsfw", audio: false),
        '5' => Video("wan-2.5", "720p", "sfw", audio: false),
        _ => Video("kling-2.6-pro", "1080p", "sfw", audio: true),
    };

    private static JsonObject Video(string model, string resolution, string rating, bool audio)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["idea"] = "she turns and smiles",
            ["characterId"] = "chr_maya",
            ["durationSeconds"] = 5,
            ["resolution"] = resolution,
            ["rating"] = rating,
        };
        if (audio)
        {
            body["audio"] = true;
        }

        return body;
    }
}
