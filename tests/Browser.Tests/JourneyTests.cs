using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

/// <summary>The whole way through the app in one browser, as a person goes: register, upload, watch, find, change, delete.</summary>
[Collection(BrowserCollection.Name)]
public sealed class JourneyTests(BrowserStack stack)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Long = new() { Timeout = 120_000 };

    [Fact]
    public async Task Register_upload_with_progress_watch_in_every_rendition_and_find_the_video_everywhere()
    {
        await using var me = await stack.OpenAsync();
        await me.Context.RecordProgressAsync();
        var page = me.Page;
        await page.RegisterAsync("Ada");
        var word = Steps.Word();
        var (firstTitle, secondTitle) = ($"Harbour {word} one", $"Harbour {word} two");
        var first = await stack.ClipAsync(firstTitle, seconds: 12);
        var second = await stack.ClipAsync(secondTitle, seconds: 3, width: 640, height: 360);

        // Upload at 1 Mbit/s, so the bar has time to move.
        await page.GotoAsync("/upload");
        var network = await me.Context.NewCDPSessionAsync(page);
        await network.SendAsync("Network.enable");
        await network.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = 125_000,
        });
        await page.GetByLabel("Choose video files").SetInputFilesAsync(first);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Watch {firstTitle}" })).ToBeVisibleAsync(Long);
        await network.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = -1,
        });
        var sent = await page.ProgressSeenAsync($"Upload progress for {firstTitle}");
        Assert.Contains(sent, v => v is > 0 and < 100);
        Assert.Equal(100, sent[^1]);
        var transcoded = await page.ProgressSeenAsync($"Transcoding progress for {firstTitle}");
        Assert.NotEmpty(transcoded);
        await page.GetByLabel("Choose video files").SetInputFilesAsync(second);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Watch {secondTitle}" })).ToBeVisibleAsync(Long);

        // Watch: it plays, and each forced rendition is the one shown.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Watch {firstTitle}" }).ClickAsync();
        await page.WaitForURLAsync(Steps.WatchLink());
        var firstId = Steps.WatchLink().Match(page.Url).Groups[1].Value;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = firstTitle, Level = 1 })).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('video')?.readyState >= 1");
        // Looping, so that rendition switches and the view's seconds of playback fit in the clip.
        await page.EvaluateAsync("() => { const v = document.querySelector('video'); v.muted = true; v.loop = true; v.play().catch(() => {}); }");
        await page.WaitForFunctionAsync("() => document.querySelector('video').currentTime > 1");
        foreach (var (rendition, height) in new[] { ("360p", 360), ("480p", 480) })
        {
            await page.GetByLabel("Quality").SelectOptionAsync(new SelectOptionValue { Label = rendition });
            await page.WaitForFunctionAsync($"() => document.querySelector('video').videoHeight === {height} && !document.querySelector('video').paused");
        }
        await page.GetByLabel("Quality").SelectOptionAsync(new SelectOptionValue { Label = "Auto" });
        // A view counts after a few seconds of actual playback.
        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex(@"^1 view\b"))).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Found in the feed, in search, and beside the other video.
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = firstTitle }).First).ToBeVisibleAsync();
        await page.GetByLabel("Search videos").FillAsync(word);
        await page.GetByLabel("Search videos").PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = firstTitle })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = secondTitle })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = secondTitle }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Complementary, new() { Name = "Related videos" }).GetByRole(AriaRole.Link, new() { Name = firstTitle })).ToBeVisibleAsync();

        // Made private, it is the owner's alone.
        await page.GotoAsync("/me/videos");
        var item = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = firstTitle });
        await item.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await page.GetByLabel("Visibility").SelectOptionAsync(new SelectOptionValue { Label = "Private" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(item.GetByText("Private")).ToBeVisibleAsync();
        await using (var stranger = await stack.OpenAsync())
        {
            await stranger.Page.GotoAsync($"/watch/{firstId}");
            await Expect(stranger.Page.GetByText("This video is not available")).ToBeVisibleAsync();
            await Expect(stranger.Page.Locator("video")).ToHaveCountAsync(0);
            stranger.AssertNoConsoleErrors();
        }

        // Deleted after a confirmation, it is gone.
        var doomed = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = secondTitle });
        await doomed.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete video?" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = secondTitle })).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = firstTitle })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = secondTitle })).ToHaveCountAsync(0);
        me.AssertNoConsoleErrors();
    }
}
