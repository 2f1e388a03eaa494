using Microsoft.Playwright;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Testing;

namespace Natak.Studio.Tests;

/// <summary>
/// The dev host in-process on Azurite with the provider simulator (as <see cref="DevHostFixture"/>), serving
/// Natak Studio, and one headless Debian chromium driven by Playwright. Playwright's own browser download cannot
/// work offline, so the browser is the <c>chromium</c> on PATH (test.sh and .ci/run install it).
/// </summary>
public sealed class StudioFixture : DevHostFixture, IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots of each screen go: NATAK_TEST_RESULTS, else .local/test-results, under studio/.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("NATAK_TEST_RESULTS") is { Length: > 0 } root ? root : Path.Combine(RepoPaths.Root, ".local", "test-results"),
        "studio");

    async Task IAsyncLifetime.InitializeAsync()
    {
        await base.InitializeAsync();
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = FindChromium(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>Checkout comes back to Studio, served by this host at <c>/</c>.</summary>
    protected override IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        var settings = base.Settings().ToList();
        var studio = settings.First(s => s.Key == "Urls").Value!.TrimEnd('/');
        settings.Add(new("Payments:SuccessUrl", studio + "/?checkout=success&session_id={CHECKOUT_SESSION_ID}"));
        settings.Add(new("Payments:CancelUrl", studio + "/?checkout=cancelled"));
        return settings;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A fresh browser context (no shared storage) at laptop or phone size.</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 860) =>
        Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, BaseURL = Host.BaseUrl.ToString() });

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    private static string FindChromium()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("No chromium on PATH: install Debian's chromium (apt-get install -y chromium); test.sh and .ci/run do.");
    }
}

[CollectionDefinition(Name)]
public sealed class StudioCollection : ICollectionFixture<StudioFixture>
{
    public const string Name = "Natak Studio in chromium";
}
