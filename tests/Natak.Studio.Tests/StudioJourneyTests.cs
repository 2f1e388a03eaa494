using Microsoft.Playwright;
using Natak.EndToEnd.Tests.Characters;
using Natak.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Natak.Studio.Tests;

/// <summary>One person's whole journey through Natak Studio in chromium, against the dev host and the provider simulator.</summary>
[Collection(StudioCollection.Name)]
public sealed class StudioJourneyTests(StudioFixture fixture)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_person_trains_a_character_orders_images_and_videos_watches_them_live_cancels_one_and_pays_what_was_quoted()
    {
        var user = Users.New("studio");
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);

        // Sign in as a development user; a new user has no credits.
        await page.GotoAsync("/");
        await page.GetByLabel("Development user").FillAsync(user);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator("#user-name")).ToHaveTextAsync(user);
        await Expect(page.Locator("#credits-available")).ToHaveTextAsync("0");
        // A pack bought through Checkout: the simulator's hosted page stands in for Stripe's; paying sends the browser
        // back to Studio, and the pack's credits arrive when Stripe's event reaches the webhook.
        await page.Locator("[data-tab=credits]").ClickAsync();
        await Expect(page.Locator("[data-pack]")).ToHaveCountAsync(3);
        await page.Locator("[data-pack=starter]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/stripe/c/pay/", StringComparison.Ordinal));
        await Expect(page.Locator("#pay")).ToContainTextAsync("5.00");
        await page.Locator("#pay").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(fixture.Host.BaseUrl.ToString(), StringComparison.Ordinal));
        await Expect(page.Locator("#user-name")).ToHaveTextAsync(user);
        await Expect(page.Locator("#credits-available")).ToHaveTextAsync("100", new() { Timeout = 30_000 });
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        await page.GetByRole(AriaRole.Button, new() { Name = "Grant 500 development credits" }).ClickAsync();
        await Expect(page.Locator("#credits-available")).ToHaveTextAsync("600");
        await StudioFixture.ScreenshotAsync(page, "01-credits");

        // A character from four uploaded photos (presigned PUTs from the page to the object store).
        await page.Locator("[data-tab=characters]").ClickAsync();
        var characterForm = page.Locator("#character-form");
        await characterForm.Locator("[name=name]").FillAsync("Maya");
        await characterForm.Locator("[name=photos]").SetInputFilesAsync(
            Enumerable.Range(0, 4).Select(i => new FilePayload { Name = $"maya-{i}.png", MimeType = "image/png", Buffer = Photos.Png(i) }));
        await Expect(characterForm.Locator("[data-uploads] li.done")).ToHaveCountAsync(4, new() { Timeout = 30_000 });
        var characterCredits = await QuotedCreditsAsync(characterForm);
        var characterJob = await OrderAsync(page, characterForm);
        await WaitForStatusAsync(characterJob, "succeeded");
        await Expect(page.Locator("#character-list [data-character]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(page.Locator("#character-list img")).ToHaveCountAsync(4);
        await StudioFixture.ScreenshotAsync(page, "02-character");

        // A batch of images from an idea, with the character, a clothing change and an upscale; the upscaler is
        // slowed so the progress visibly moves through the steps while the page stays the same document.
        await page.Locator("[data-tab=images]").ClickAsync();
        var imageForm = page.Locator("#image-form");
        await imageForm.Locator("[name=text]").FillAsync("a rainy evening in Lisbon, neon reflections");
        await imageForm.Locator("[name=count]").FillAsync("2");
        await imageForm.Locator("[name=characterId]").SelectOptionAsync(new SelectOptionValue { Label = "Maya" });
        await imageForm.Locator("[name=outfit]").FillAsync("a red linen suit");
        await imageForm.Locator("[name=upscale]").SelectOptionAsync("2");
        await Expect(imageForm.Locator("[data-quote]")).ToContainTextAsync("2 × 2 credits");
        var imageCredits = await QuotedCreditsAsync(imageForm);
        ILocator imageJob;
        List<string> progress;
        using (fixture.SlowModel("fal-ai/seedvr/upscale/image", TimeSpan.FromSeconds(3)))
        {
            imageJob = await OrderAsync(page, imageForm);
            progress = await WatchProgressAsync(imageJob);
        }

        Assert.True(progress.Count >= 2, "the progress shown changed fewer than twice: " + string.Join(" | ", progress));
        await Expect(imageJob.Locator(".result img")).ToHaveCountAsync(2);
        await page.WaitForFunctionAsync("id => [...document.querySelectorAll(`.job[data-job='${id}'] .result img`)].every(i => i.complete && i.naturalWidth > 0)", await imageJob.GetAttributeAsync("data-job"));
        await Expect(imageJob.Locator("[data-charged]")).ToHaveAttributeAsync("data-charged", imageCredits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await StudioFixture.ScreenshotAsync(page, "03-images");

        // A video of the character that plays in the page.
        await page.Locator("[data-tab=videos]").ClickAsync();
        var videoForm = page.Locator("#video-form");
        await videoForm.Locator("[name=text]").FillAsync("walking through a market at dawn");
        await videoForm.Locator("[name=model]").SelectOptionAsync("ltx-2-fast");
        await videoForm.Locator("[name=characterId]").SelectOptionAsync(new SelectOptionValue { Label = "Maya" });
        await videoForm.Locator("[name=resolution]").SelectOptionAsync("1080p");
        var videoCredits = await QuotedCreditsAsync(videoForm);
        var videoJob = await OrderAsync(page, videoForm);
        await WaitForStatusAsync(videoJob, "succeeded");
        await page.WaitForFunctionAsync("id => { const v = document.querySelector(`.job[data-job='${id}'] video`); return v && v.readyState >= 1 && v.duration > 0; }", await videoJob.GetAttributeAsync("data-job"));
        await Expect(videoJob.Locator("[data-charged]")).ToHaveAttributeAsync("data-charged", videoCredits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await StudioFixture.ScreenshotAsync(page, "04-video");

        // A text-to-video kept running at the provider, cancelled from the page: nothing is charged for it.
        await videoForm.Locator("[name=characterId]").SelectOptionAsync("");
        await QuotedCreditsAsync(videoForm);
        using (fixture.SlowModel("fal-ai/ltx-2.3/text-to-video/fast"))
        {
            var doomed = await OrderAsync(page, videoForm);
            await WaitForStatusAsync(doomed, "running");
            await doomed.Locator("[data-cancel]").ClickAsync();
            await WaitForStatusAsync(doomed, "cancelled");
            await Expect(doomed.Locator("[data-charged]")).ToHaveAttributeAsync("data-charged", "0");
            await StudioFixture.ScreenshotAsync(page, "05-cancelled");
        }

        // The balance is the grant less exactly what was quoted; the journal lists the grant and the charges.
        await page.Locator("[data-tab=credits]").ClickAsync();
        var spent = characterCredits + imageCredits + videoCredits;
        await Expect(page.Locator("#balance-reserved")).ToHaveTextAsync("0", new() { Timeout = 30_000 });
        await Expect(page.Locator("#balance-available")).ToHaveTextAsync((600 - spent).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#journal-rows tr[data-kind=grant]")).ToHaveCountAsync(1);
        // The journal renders after the balance (its own request): read it until its charges are all there, or 30 s.
        long[] charges = [];
        for (var read = 0; read < 60 && charges.Sum() != -spent; read++)
        {
            await Task.Delay(read == 0 ? 0 : 500);
            charges = await page.Locator("#journal-rows tr[data-kind=capture] td[data-change]").EvaluateAllAsync<long[]>("cells => cells.map(c => Number(c.dataset.change))");
        }

        Assert.Equal(-spent, charges.Sum());
        await StudioFixture.ScreenshotAsync(page, "06-journal");

        await page.SetViewportSizeAsync(390, 844);
        await page.Locator("[data-tab=images]").ClickAsync();
        await StudioFixture.ScreenshotAsync(page, "07-phone");

        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task An_api_problem_is_shown_in_the_apis_own_words_next_to_the_field()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Development user").FillAsync(Users.New("studio"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        var imageForm = page.Locator("#image-form");
        await imageForm.Locator("[name=text]").FillAsync("a lighthouse");
        await imageForm.Locator("[name=count]").FillAsync("9");

        var problem = imageForm.Locator("[data-problem]");
        await Expect(problem).ToBeVisibleAsync();
        await Expect(problem.Locator("code")).ToHaveTextAsync("request.count");
        await Expect(problem).ToContainTextAsync("must be between 1 and 8");
        await Expect(imageForm.Locator("[name=count]")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(imageForm.Locator("[data-submit]")).ToHaveTextAsync("Order images");
        await StudioFixture.ScreenshotAsync(page, "09-problem");
    }

    private static async Task<long> QuotedCreditsAsync(ILocator form)
    {
        var price = form.Locator("[data-quote] .price");
        await Expect(price).ToBeVisibleAsync(new() { Timeout = 30_000 });
        return long.Parse(await price.GetAttributeAsync("data-credits") ?? "", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Submits the form and returns the job card that appears for the new job.</summary>
    private static async Task<ILocator> OrderAsync(IPage page, ILocator form)
    {
        var before = await page.Locator(".job").CountAsync();
        await form.Locator("[data-submit]").ClickAsync();
        await Expect(page.Locator(".job")).ToHaveCountAsync(before + 1);
        var jobId = await page.Locator(".job").First.GetAttributeAsync("data-job");
        return page.Locator($".job[data-job='{jobId}']");
    }

    private static Task WaitForStatusAsync(ILocator job, string status) =>
        Expect(job).ToHaveAttributeAsync("data-status", status, new() { Timeout = (float)JobTimeout.TotalMilliseconds });

    /// <summary>The distinct progress texts the card shows until the job ends (it must succeed).</summary>
    private static async Task<List<string>> WatchProgressAsync(ILocator job)
    {
        var seen = new List<string>();
        var deadline = DateTime.UtcNow + JobTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var status = await job.GetAttributeAsync("data-status");
            if (status is "succeeded" or "failed" or "cancelled")
            {
                Assert.Equal("succeeded", status);
                return seen;
            }

            // one read of the card: the progress line disappears when the job ends, so a count-then-read could wait on nothing
            if (await job.EvaluateAsync<string?>("card => card.querySelector('[data-progress]')?.textContent ?? null") is { Length: > 0 } text
                && !seen.Contains(text))
            {
                seen.Add(text);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the job did not end: " + string.Join(" | ", seen));
    }
}
