using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

/// <summary>The account page's sessions, across two browsers of one person.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionTests(BrowserStack stack)
{
    [Fact]
    public async Task Revoking_a_session_in_one_browser_signs_the_other_out()
    {
        await using var laptop = await stack.OpenAsync();
        var email = await laptop.Page.RegisterAsync("Lin");
        await using var phone = await stack.OpenAsync(BrowserStack.Phone, phone: true);
        await phone.Page.SignInAsync(email);

        await laptop.Page.GotoAsync("/account");
        var sessions = laptop.Page.GetByRole(AriaRole.Listitem).Filter(new() { Has = laptop.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Revoke") }) });
        await Expect(sessions).ToHaveCountAsync(2);
        await Expect(sessions.Filter(new() { HasText = "This device" })).ToHaveCountAsync(1);
        await Expect(sessions.First).ToContainTextAsync("Chrome");
        var other = sessions.Filter(new() { HasNotText = "This device" });
        await other.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Revoke") }).ClickAsync();
        await Expect(sessions).ToHaveCountAsync(1);

        // The other browser finds out at its next look.
        await phone.Page.GotoAsync("/account");
        await Expect(phone.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).First).ToBeVisibleAsync();
        await Expect(phone.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToHaveCountAsync(0);
        // This one is still signed in.
        await laptop.Page.ReloadAsync();
        await laptop.Page.SignedInAsync();
        laptop.AssertNoConsoleErrors();
        phone.AssertNoConsoleErrors();
    }
}
