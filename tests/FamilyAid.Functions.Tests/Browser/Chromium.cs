using System.Text.Json;
using Microsoft.Playwright;

namespace FamilyAid.Functions.Tests.Browser;

/// <summary>Debian's Chromium driven by Playwright (no browser download: <c>/usr/bin/chromium</c>, which ./test.sh
/// installs), with axe-core from the pinned npm package and screenshots kept as test artifacts. Shared by the browser
/// tests of every served page.</summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Where Debian puts it.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>FAMILYAID_TEST_ARTIFACTS</c> (./test.sh sets it), else test-artifacts/ in the repository.</summary>
    public static string ArtifactsFolder =>
        Environment.GetEnvironmentVariable("FAMILYAID_TEST_ARTIFACTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Hosting.AppEndpoints.RepoRoot(), "test-artifacts");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: ./test.sh installs it (apt-get install chromium).");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
    }

    /// <summary>A phone's screen: 390 × 844 CSS pixels, touch, mobile layout.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>A fresh context (its own session storage) and page, in Chinese, with CSP enforced (never bypassed), and
    /// every Content-Security-Policy violation or page error collected in <paramref name="errors"/>; with
    /// <paramref name="phone"/>, a touch phone of <see cref="Phone"/>'s size. <paramref name="trustTestCertificates"/>: accept
    /// a test server's self-signed certificate (a fake authority).</summary>
    public async Task<IPage> NewPage(
        Uri baseAddress, List<string> errors, string locale = "zh-CN", ViewportSize? viewport = null, bool phone = false,
        bool trustTestCertificates = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = trustTestCertificates,
            BaseURL = baseAddress.ToString(),
            Locale = locale,
            // Far from China on purpose: the page must still show China's time.
            TimezoneId = "America/Los_Angeles",
            ViewportSize = viewport ?? (phone ? Phone : new ViewportSize { Width = 1400, Height = 1000 }),
            HasTouch = phone,
            IsMobile = phone,
            DeviceScaleFactor = phone ? 2 : 1,
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return page;
    }

    /// <summary>Runs axe-core in the page; returns the serious and critical violations as lines.</summary>
    public static async Task<List<string>> SeriousViolations(IPage page)
    {
        // Evaluated through the DevTools protocol, so the page's CSP (no inline script) does not stop it.
        var axe = Path.Combine(Hosting.AppEndpoints.RepoRoot(), "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(axe), $"{axe} is missing: ./test.sh runs npm ci.");
        await page.EvaluateAsync(await File.ReadAllTextAsync(axe));
        var found = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations"
            + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            + ".map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)");
        return found.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    /// <summary>Saves a full-page screenshot as <paramref name="name"/>.png in <see cref="ArtifactsFolder"/>; returns its path.</summary>
    public static async Task<string> Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(ArtifactsFolder);
        var path = Path.Combine(ArtifactsFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
