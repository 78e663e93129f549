using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

/// <summary>
/// Every page, at desktop and phone width: axe-core (from npm, web/node_modules) finds no serious or
/// critical violation, nothing reaches the console, nothing scrolls sideways on a phone; a screenshot
/// of each goes to the test results (<c>.dev/test/results/screenshots</c>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserStack stack)
{
    private static readonly Lazy<string> Axe = new(() =>
    {
        var path = Path.Combine(PlatformProcess.RepositoryRoot(), "web", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path) ? File.ReadAllText(path) : throw new InvalidOperationException($"{path} is missing: run `npm ci` in web/ (./dev.sh test does).");
    });

    [Fact]
    public async Task Every_page_passes_axe_at_desktop_and_phone_width()
    {
        string watch, person, word = Steps.Word();
        await using (var owner = await stack.OpenAsync())
        {
            await owner.Page.RegisterAsync("Noor");
            await owner.Page.GotoAsync("/upload");
            var title = $"Lighthouse {word}";
            await owner.Page.GetByLabel("Choose video files").SetInputFilesAsync(await stack.ClipAsync(title, seconds: 2, width: 640, height: 360));
            await owner.Page.GetByRole(AriaRole.Link, new() { Name = $"Watch {title}" }).ClickAsync(new() { Timeout = 120_000 });
            await owner.Page.WaitForURLAsync(Steps.WatchLink());
            watch = new Uri(owner.Page.Url).AbsolutePath;
            await owner.Page.GetByRole(AriaRole.Link, new() { Name = "More from this person" }).ClickAsync();
            await owner.Page.WaitForURLAsync("**/users/**");
            person = new Uri(owner.Page.Url).AbsolutePath;
            var state = await owner.Context.StorageStateAsync();
            await File.WriteAllTextAsync(Path.Combine(stack.Media, "owner-state.json"), state);
        }

        var signedIn = new[] { ("home", "/"), ("search", $"/search?q={word}"), ("watch", watch), ("person", person), ("upload", "/upload"), ("my-videos", "/me/videos"), ("account", "/account") };
        var signedOut = new[] { ("sign-in", "/signin"), ("register", "/register"), ("not-found", "/no-such-page"), ("watch-signed-out", watch) };
        var failures = new List<string>();
        foreach (var (viewport, phone, size) in new[] { ("desktop", false, BrowserStack.Desktop), ("phone", true, BrowserStack.Phone) })
        {
            foreach (var (pages, storage) in new[] { (signedIn, Path.Combine(stack.Media, "owner-state.json")), (signedOut, null) })
            {
                var context = await stack.Browser.NewContextAsync(new() { BaseURL = stack.BaseUrl.ToString(), ViewportSize = size, IsMobile = phone, HasTouch = phone, StorageStatePath = storage });
                await using var browser = new BrowserPage(context, await context.NewPageAsync(), new());
                browser.Page.Console += (_, m) => { if (m.Type == "error" && !m.Text.Contains("status of 401") && !m.Text.Contains("status of 404")) browser.ConsoleErrors.Enqueue($"{browser.Page.Url}: {m.Text}"); };
                browser.Page.PageError += (_, e) => browser.ConsoleErrors.Enqueue($"{browser.Page.Url}: uncaught {e}");
                foreach (var (name, path) in pages)
                {
                    await browser.Page.GotoAsync(path);
                    await Expect(browser.Page.Locator("main")).ToBeVisibleAsync();
                    await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    failures.AddRange((await ViolationsAsync(browser.Page)).Select(v => $"{name} ({viewport}): {v}"));
                    if (phone && await browser.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"))
                        failures.Add($"{name} (phone): the page scrolls sideways");
                    await browser.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserStack.Screenshots, $"{name}-{viewport}.png"), FullPage = true });
                }
                failures.AddRange(browser.ConsoleErrors);
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>axe-core's serious and critical violations of WCAG 2.1 A/AA and best practice.</summary>
    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol: the page's content security policy allows no injected script tag.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'")) await page.EvaluateAsync(Axe.Value);
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }))
              .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)
            """);
        return violations.EnumerateArray().Select(v => v.GetString()!);
    }
}
