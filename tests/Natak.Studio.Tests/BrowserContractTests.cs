using System.Text.Json;
using Microsoft.Playwright;
using Natak.EndToEnd.Tests.Characters;
using Natak.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Natak.Studio.Tests;

/// <summary>What a browser on another origin can do with the API and the object store, and the API reference page.</summary>
[Collection(StudioCollection.Name)]
public sealed class BrowserContractTests(StudioFixture fixture)
{
    // Runs in the page: ask the API for an upload ticket, PUT the photo to the presigned URL, read it back.
    private const string UploadAndReadBack = """
        async ([api, token, bytes]) => {
          const answer = await fetch(api + "/api/uploads", {
            method: "POST",
            headers: { Authorization: "Bearer " + token, "Content-Type": "application/json" },
            body: JSON.stringify({ fileName: "me.png", contentType: "image/png", size: bytes.length }),
          });
          const ticket = await answer.json();
          const put = await fetch(ticket.uploadUrl, { method: ticket.method, headers: ticket.headers, body: new Uint8Array(bytes) });
          const back = await fetch(ticket.url);
          return { origin: location.origin, put: put.status, get: back.status, bytes: [...new Uint8Array(await back.arrayBuffer())] };
        }
        """;

    [Fact]
    public async Task A_page_on_another_origin_puts_a_photo_to_a_presigned_url_and_reads_it_back()
    {
        var api = fixture.Host.BaseUrl.GetLeftPart(UriPartial.Authority);
        var otherOrigin = new UriBuilder(fixture.Host.BaseUrl) { Host = "localhost" }.Uri;
        var photo = Photos.Png(7);
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(otherOrigin.ToString());

        var result = await page.EvaluateAsync<JsonElement>(UploadAndReadBack, new object[] { api, Tokens.For(Users.New("cors")), photo.Select(b => (int)b).ToArray() });

        Assert.NotEqual(api, result.GetProperty("origin").GetString());
        Assert.Equal(200, result.GetProperty("put").GetInt32());
        Assert.Equal(200, result.GetProperty("get").GetInt32());
        Assert.Equal(photo, result.GetProperty("bytes").EnumerateArray().Select(b => (byte)b.GetInt32()).ToArray());
    }

    [Fact]
    public async Task A_page_on_an_origin_the_api_does_not_allow_cannot_read_its_answers()
    {
        var api = fixture.Host.BaseUrl.GetLeftPart(UriPartial.Authority);
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        // A page served as if from https://studio.example (intercepted: nothing leaves the machine).
        await page.RouteAsync("https://studio.example/**", route => route.FulfillAsync(new() { ContentType = "text/html", Body = "<!doctype html><title>elsewhere</title>" }));
        await page.GotoAsync("https://studio.example/");

        var outcome = await page.EvaluateAsync<string>(
            "async ([api, token]) => { try { const r = await fetch(api + '/api/credits', { headers: { Authorization: 'Bearer ' + token } }); return 'read ' + r.status; } catch (e) { return 'blocked'; } }",
            new object[] { api, Tokens.For(Users.New("cors")) });

        Assert.Equal("blocked", outcome);
    }

    [Fact]
    public async Task The_api_reference_renders_from_the_dev_host_alone()
    {
        await using var context = await fixture.NewContextAsync();
        var outside = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            var host = new Uri(route.Request.Url).Host;
            if (host is "127.0.0.1" or "localhost")
            {
                await route.ContinueAsync();
            }
            else
            {
                outside.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/api/docs/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Natak API", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByText("Reachability of tables, blobs, queues").First).ToBeVisibleAsync();
        await StudioFixture.ScreenshotAsync(page, "08-api-reference");
        Assert.Empty(outside);
    }
}
