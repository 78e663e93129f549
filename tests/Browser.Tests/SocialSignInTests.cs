using static Microsoft.Playwright.Assertions;

namespace Platform.Browser.Tests;

/// <summary>Signing in with a social provider's button, through the dev OpenID provider's own pages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SocialSignInTests(BrowserStack stack)
{
    [Fact]
    public async Task The_providers_button_leads_through_its_sign_in_back_to_the_app_signed_in()
    {
        await using var me = await stack.OpenAsync();
        var page = me.Page;
        await page.GotoAsync("/signin");

        await page.GetByRole(AriaRole.Link, new() { Name = "Continue with Local OpenID provider" }).ClickAsync();
        await page.WaitForURLAsync($"{TestServices.OidcAuthority.GetLeftPart(UriPartial.Authority)}/**");
        await page.Locator("input[name=login]").FillAsync($"social-{Guid.NewGuid():N}"[..20]);
        await page.Locator("input[name=password]").FillAsync("any");
        await page.Locator("button[type=submit]").First.ClickAsync();

        await page.WaitForURLAsync($"{stack.BaseUrl.GetLeftPart(UriPartial.Authority)}/**");
        await page.SignedInAsync();
        await page.GotoAsync("/account");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Account", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("This device")).ToBeVisibleAsync();
    }
}
