using System.Text.Json;
using Natak.Core.Requests;
using Natak.Core.Tests.Pricing;
using static Natak.Core.Tests.Requests.Validation;

namespace Natak.Core.Tests.Requests;

public class QuoteRequestValidationTests
{
    [Fact]
    public void An_unknown_kind_names_the_kinds()
    {
        var errors = Validator.Validate(Envelope("audio", """{ "prompt": "x" }"""), out var request);

        Assert.Null(request);
        Assert.Equal(["must be one of: character, image, video"], errors["kind"]);
    }

    [Fact]
    public void A_missing_request_body_is_named()
    {
        var errors = Validator.Validate(new QuoteRequest { Kind = "image" }, out _);

        Assert.Equal(["is required: the start route's request body (an object)"], errors["request"]);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_reported_at_its_path()
    {
        var errors = Validator.Validate(Envelope("image", """{ "prompt": "x", "width": "wide" }"""), out _);

        Assert.Equal(["has the wrong type"], errors["request.width"]);
    }

    [Fact]
    public void An_unknown_field_is_refused_at_its_path_as_the_start_routes_refuse_it()
    {
        var top = Validator.Validate(Envelope("image", """{ "prompt": "x", "widht": 1024 }"""), out var request);
        var nested = Validator.Validate(Envelope("image", """{ "prompt": "x", "outfit": { "descripton": "red dress" } }"""), out _);

        Assert.Null(request);
        var topMessage = Assert.Single(top["request.widht"]);
        Assert.StartsWith("is not part of the request; allowed here: prompt, idea, characterId, model, width, height,", topMessage, StringComparison.Ordinal);
        Assert.Equal(["is not part of the request; allowed here: description, segment"], nested["request.outfit.descripton"]);
    }

    [Fact]
    public void Inner_errors_carry_the_request_prefix()
    {
        var errors = Validator.Validate(Envelope("video", """{ "model": "kling-2.6-pro", "prompt": "x", "durationSeconds": 7, "rating": "nsfw" }"""), out _);

        Assert.Equal(["must be one of: 5, 10 for kling-2.6-pro (got 7)"], errors["request.durationSeconds"]);
        Assert.Single(errors["request.rating"]);
    }

    [Fact]
    public void The_quote_engine_quotes_nothing_for_an_invalid_request()
    {
        var outcome = Catalogs.Quotes.Quote(Envelope("image", """{ "idea": "x", "upscale": 3 }"""));

        Assert.False(outcome.IsValid);
        Assert.Null(outcome.Quote);
        Assert.Equal(["must be one of: 2, 4, 5 (got 3)"], outcome.Errors["request.upscale"]);
        Assert.Equal(["request.upscale"], outcome.Errors.ToDictionary().Keys);
    }

    [Fact]
    public void A_character_quote_reads_the_camel_case_body()
    {
        var outcome = Catalogs.Quotes.Quote(Envelope("character",
            """{ "name": "Maya", "imagesZipUrl": "https://u.example.com/m.zip", "quality": "high" }"""));

        Assert.True(outcome.IsValid, outcome.Errors.ToString());
        Assert.Equal(100, outcome.Quote.Credits);
    }

    private static QuoteRequest Envelope(string kind, string body) =>
        new() { Kind = kind, Request = JsonSerializer.Deserialize<JsonElement>(body) };
}
