using System.Net;
using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.Images;

/// <summary>
/// A request the catalogue refuses is a 400 naming the field and what it allows — before anything is paid for:
/// no provider call, no hold, no journal row, no job.
/// </summary>
[Collection(ImagesCollection.Name)]
public sealed class ImageRequestRejectionTests(ImagesHostFixture fixture)
{
    private readonly ImageHarness _harness = new(fixture);

    [Theory]
    [InlineData("""{"prompt":"a cat","width":500,"height":1024}""", "width", "between 512 and 2048 and a multiple of 16 for z-image-turbo")]
    [InlineData("""{"prompt":"a cat","width":1024,"height":1030}""", "height", "between 512 and 2048 and a multiple of 16 for z-image-turbo")]
    [InlineData("""{"prompt":"a cat","model":"nano-banana-pro","width":1000,"height":1000}""", "width", "one of: 1024x1024, 1024x768, 768x1024, 1024x576, 576x1024")]
    [InlineData("""{"prompt":"a cat","count":9}""", "count", "between 1 and 8 for z-image-turbo")]
    [InlineData("""{"prompt":"a cat","model":"nano-banana-pro","count":5}""", "count", "between 1 and 4 for nano-banana-pro")]
    [InlineData("""{"prompt":"a cat","model":"flux-9"}""", "model", "must be one of: z-image-turbo, pony-realism, nano-banana-pro")]
    [InlineData("""{"prompt":"a cat","upscale":3}""", "upscale", "must be one of: 2, 4, 5")]
    [InlineData("""{"prompt":"a cat","model":"nano-banana-pro","rating":"nsfw"}""", "rating", "models that accept nsfw: z-image-turbo, pony-realism")]
    [InlineData("""{"prompt":"a cat","rating":"r18"}""", "rating", "must be one of: sfw, nsfw")]
    [InlineData("""{"prompt":"a cat","sourceImageUrl":"http://img.example.com/me.png"}""", "sourceImageUrl", "must be an absolute https URL")]
    [InlineData("""{"prompt":"a cat","control":{"imageUrl":"ftp://img.example.com/pose.png","pose":true}}""", "control.imageUrl", "must be an absolute https URL")]
    [InlineData("""{"prompt":"a cat","model":"pony-realism","control":{"imageUrl":"https://img.example.com/pose.png","depth":true}}""", "control", "is supported only by: z-image-turbo")]
    [InlineData("""{"prompt":"a cat","model":"nano-banana-pro","seed":3}""", "seed", "models that do: z-image-turbo, pony-realism")]
    [InlineData("""{"prompt":"a cat","model":"nano-banana-pro","characterId":"chr_1"}""", "characterId", "models that apply a character: z-image-turbo, pony-realism")]
    [InlineData("""{"prompt":"a cat","idea":"cats"}""", "idea", "give exactly one of prompt or idea")]
    [InlineData("""{"prompt":"a cat","outfit":{"segment":"shirt"}}""", "outfit.description", "is required (1–500 characters)")]
    [InlineData("""{"prompt":"a cat","sourceImageUrl":"https://img.example.com/me.png","width":1024,"height":1024}""", "width", "an edit keeps the size of sourceImageUrl")]
    [InlineData("""{"prompt":"a cat","colour":"red"}""", "colour", "not part of the request; allowed here: prompt, idea, characterId, model")]
    [InlineData("""{"prompt":"a cat","outfit":{"descripton":"a red coat"}}""", "outfit.descripton", "is not part of the request; allowed here: description, segment")]
    [InlineData("""{"prompt":"a cat","count":"many"}""", "count", "wrong type")]
    public async Task An_invalid_field_is_a_400_naming_it_and_nothing_is_called_or_reserved(string body, string field, string allowed)
    {
        var (user, api) = await _harness.NewUserAsync(credits: 5);
        using var _ = api;
        var journalBefore = await _harness.JournalAsync(user);

        var response = await api.PostRawAsync("/api/images", body, "application/json");

        var problem = await ApiClient.ReadObjectAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_failed", (string?)problem["code"]);
        var messages = problem["errors"]![field]!.AsArray().Select(m => (string)m!).ToList();
        Assert.Contains(messages, m => m.Contains(allowed, StringComparison.Ordinal));
        await AssertNothingHappenedAsync(user, api, journalBefore, available: 5);
    }

    [Fact]
    public async Task A_request_costing_more_than_the_available_credits_is_a_402_and_nothing_is_called_or_reserved()
    {
        var (user, api) = await _harness.NewUserAsync(credits: 3);
        using var _ = api;
        var journalBefore = await _harness.JournalAsync(user);

        var response = await api.PostJsonAsync("/api/images", new { prompt = "a cat", count = 2, upscale = 2 });

        var problem = await ApiClient.ReadObjectAsync(response);
        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Equal("insufficient_credits", (string?)problem["code"]);
        Assert.Equal(4, (long)problem["required"]!);
        Assert.Equal(3, (long)problem["available"]!);
        await AssertNothingHappenedAsync(user, api, journalBefore, available: 3);
    }

    [Fact]
    public async Task Another_users_character_is_a_404_and_nothing_is_called_or_reserved()
    {
        var (user, api) = await _harness.NewUserAsync(credits: 5);
        using var _ = api;
        var someoneElses = await _harness.CreateCharacterAsync(Users.New("other"), "OTHER");
        var journalBefore = await _harness.JournalAsync(user);

        var response = await api.PostJsonAsync("/api/images", new { prompt = "a cat", characterId = someoneElses.CharacterId });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (string?)(await ApiClient.ReadObjectAsync(response))["code"]);
        await AssertNothingHappenedAsync(user, api, journalBefore, available: 5);
    }

    private async Task AssertNothingHappenedAsync(string user, ApiClient api, IReadOnlyList<Natak.Tables.Credits.JournalEntry> journalBefore, long available)
    {
        Assert.Empty(_harness.Simulator.Calls());
        var balance = await _harness.Ledger.GetBalanceAsync(user);
        Assert.Equal((available, 0L), (balance.Available, balance.Reserved));
        Assert.Equal(journalBefore, await _harness.JournalAsync(user));
        var jobs = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/jobs"));
        Assert.Empty(jobs["items"]!.AsArray());
    }
}
