using System.Buffers.Binary;
using System.Text.RegularExpressions;

namespace Platform.Browser.Tests;

/// <summary>What a person does in the app, in the words its labels use.</summary>
public static partial class Steps
{
    public const string Password = "correct horse battery staple 9";

    /// <summary>Registers through the pages, with the code from the mail capture; signed in afterwards.</summary>
    public static async Task<string> RegisterAsync(this IPage page, string name)
    {
        var email = $"{name.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test"[..40] + ".test";
        await page.GotoAsync("/register");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        var mail = await MailCapture.WaitForAsync(email);
        await page.GetByLabel("Code").FillAsync(mail.Code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await page.SignedInAsync();
        return email;
    }

    public static async Task SignInAsync(this IPage page, string email)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.SignedInAsync();
    }

    public static Task SignedInAsync(this IPage page) =>
        Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToBeVisibleAsync();

    /// <summary>
    /// Records, in the page, every value each progress bar shows (by its accessible label), from
    /// the first script on: <c>window.__progress[label]</c> is the list of values seen in order.
    /// </summary>
    public static Task RecordProgressAsync(this IBrowserContext context) => context.AddInitScriptAsync("""
        window.__progress = {};
        const look = () => {
          for (const bar of document.querySelectorAll('progress, [role=progressbar]')) {
            const label = bar.getAttribute('aria-label') || (bar.labels && bar.labels[0] && bar.labels[0].textContent) || '';
            const raw = bar.getAttribute('aria-valuenow') ?? (bar.hasAttribute('value') ? String(bar.value) : null);
            if (raw === null) continue;
            const seen = (window.__progress[label] ||= []);
            const value = Number(raw);
            if (seen[seen.length - 1] !== value) seen.push(value);
          }
        };
        new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        """);

    public static async Task<double[]> ProgressSeenAsync(this IPage page, string labelStart) =>
        await page.EvaluateAsync<double[]>("start => Object.entries(window.__progress).filter(([k]) => k.startsWith(start)).flatMap(([, v]) => v)", labelStart);

    /// <summary>A real clip (FFmpeg's test pattern and a tone) named as its title will be.</summary>
    public static Task<string> ClipAsync(this BrowserStack stack, string title, int seconds = 4, int width = 854, int height = 480) =>
        TestMedia.GenerateAsync(Path.Combine(stack.Media, $"{title}.mp4"), width, height, seconds, audio: true);

    /// <summary>The clip made <paramref name="length"/> bytes long by a top-level MP4 <c>free</c> box, which every reader skips.</summary>
    public static async Task<string> PaddedClipAsync(this BrowserStack stack, string title, int length)
    {
        var clip = await File.ReadAllBytesAsync(await stack.ClipAsync(title + "-source", seconds: 2, width: 640, height: 360));
        var padded = new byte[length];
        clip.CopyTo(padded, 0);
        BinaryPrimitives.WriteUInt32BigEndian(padded.AsSpan(clip.Length), (uint)(length - clip.Length));
        "free"u8.CopyTo(padded.AsSpan(clip.Length + 4));
        var path = Path.Combine(stack.Media, $"{title}.mp4");
        await File.WriteAllBytesAsync(path, padded);
        return path;
    }

    /// <summary>A word no other test's title has, for search.</summary>
    public static string Word() => "w" + Guid.NewGuid().ToString("N")[..10];

    [GeneratedRegex(@"/watch/([0-9a-f-]{36})")]
    public static partial Regex WatchLink();
}
