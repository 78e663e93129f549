using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

/// <summary>A large file goes up in parts, and a dropped connection and a page reload cost no finished part.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ResumableUploadTests(BrowserStack stack)
{
    [Fact]
    public async Task An_upload_in_parts_cut_off_and_reloaded_resumes_without_sending_finished_parts_again()
    {
        await using var me = await stack.OpenAsync();
        // Files above 5 MiB go in parts here (64 MiB by default).
        await me.Context.AddInitScriptAsync($"localStorage.setItem('platform.multipartThresholdBytes', '{BrowserStack.PartBytes}')");
        var page = me.Page;
        await page.RegisterAsync("Grace");
        var title = $"Big {Steps.Word()}";
        var file = await stack.PaddedClipAsync(title, 2 * BrowserStack.PartBytes + 2 * 1024 * 1024); // parts of 5, 5 and 2 MiB

        var stored = new ConcurrentDictionary<int, int>(); // part number → PUTs storage accepted
        page.Response += (_, response) =>
        {
            if (response.Request.Method == "PUT" && PartNumber().Match(response.Url) is { Success: true } m && response.Ok)
                stored.AddOrUpdate(int.Parse(m.Groups[1].Value), 1, (_, n) => n + 1);
        };
        // Part 2 never gets through: its connection drops every time.
        var cutOff = 0;
        await page.RouteAsync(PartTwo(), async route =>
        {
            Interlocked.Increment(ref cutOff);
            await route.AbortAsync("connectionfailed");
        });

        await page.GotoAsync("/upload");
        await page.GetByLabel("Choose video files").SetInputFilesAsync(file);
        await Eventually.Async(() => Task.FromResult(stored.ContainsKey(1) && stored.ContainsKey(3)), TimeSpan.FromSeconds(60), "parts 1 and 3 never reached storage");
        await Expect(page.GetByText(new Regex("Connection lost — retrying in"))).ToBeVisibleAsync();
        Assert.True(cutOff >= 1);

        // The page is closed meanwhile and opened again (its retry of part 2 goes with it), the
        // connection comes back, and the person gives it the same file.
        await page.ReloadAsync();
        var resume = page.GetByLabel(new Regex("resume", RegexOptions.IgnoreCase)).First;
        await Expect(resume).ToBeAttachedAsync();
        await page.UnrouteAllAsync();
        await resume.SetInputFilesAsync(file);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Watch {title}" })).ToBeVisibleAsync(new() { Timeout = 120_000 });

        Assert.Equal([(1, 1), (2, 1), (3, 1)], stored.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)));
        me.AssertNoConsoleErrors(connectionDrops: true);
    }

    [GeneratedRegex(@"[?&]partNumber=(\d+)(&|$)")]
    private static partial Regex PartNumber();

    [GeneratedRegex(@"[?&]partNumber=2(&|$)")]
    private static partial Regex PartTwo();
}
