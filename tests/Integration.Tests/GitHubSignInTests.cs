using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Integration.Tests.Infrastructure;
using static Platform.Integration.Tests.Infrastructure.SocialSignIn;

namespace Platform.Integration.Tests;

/// <summary>
/// The Api's GitHub code path (OAuth 2 code flow, then GitHub's <c>/user</c> and <c>/user/emails</c>)
/// end to end, against the dev provider's GitHub stand-in (see tools/dev-services/OIDC-FLOW.md):
/// provider <c>github</c> in <see cref="PlatformStack"/> points every GitHub endpoint at it.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class GitHubSignInTests(PlatformStack stack)
{
    private const string Provider = "github";

    private async Task<Uri> StartAsync(ApiClient client, string? redirectTo = null)
    {
        var url = await SocialSignIn.StartAsync(client, stack.ApiA, Provider, redirectTo);
        Assert.Equal($"{TestServices.OidcAuthority.ToString().TrimEnd('/')}/auth", url.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal("openid email profile", query["scope"]);
        Assert.False(query.ContainsKey("nonce"), "A GitHub (OAuth 2) sign-in sends no nonce.");
        return url;
    }

    [Fact]
    public async Task Sign_in_with_GitHub_creates_a_verified_account_and_returns_to_redirectTo()
    {
        using var client = stack.ClientA();
        using var provider = new OpenIdProviderDriver(client);
        var email = NewEmail("github");
        var callback = await provider.SignInAsync(await StartAsync(client, "/after-github?x=1"), email);
        Assert.Equal("/api/auth/callback/github", callback.AbsolutePath);

        var landed = await CallbackAsync(client, callback);
        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/after-github?x=1", landed.Headers.Location!.OriginalString);
        Assert.NotNull(client.SessionCookie);
        var user = (await (await client.GetAsync("/api/auth/session")).ExpectAsync(HttpStatusCode.OK)).GetProperty("user");
        Assert.Equal(email, user.GetProperty("email").GetString());
        Assert.True(user.GetProperty("emailVerified").GetBoolean());
        Assert.Equal(email[..email.IndexOf('@')], user.GetProperty("name").GetString());

        // The same GitHub account (same numeric id) signs in to the same user from another browser.
        using var again = stack.ClientA();
        using var provider2 = new OpenIdProviderDriver(again);
        await (await CallbackAsync(again, await provider2.SignInAsync(await StartAsync(again), email))).ExpectAsync(HttpStatusCode.Redirect);
        var second = await (await again.GetAsync("/api/auth/session")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(user.GetProperty("id").GetString(), second.GetProperty("user").GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_address_GitHub_reports_unverified_gets_no_account_and_no_session()
    {
        using var client = stack.ClientA();
        using var provider = new OpenIdProviderDriver(client);
        var email = NewEmail("gh-unverified");
        var callback = await provider.SignInAsync(await StartAsync(client), $"unverified+{email}");
        await (await CallbackAsync(client, callback)).ExpectAsync(HttpStatusCode.BadRequest, "oauth_error");
        Assert.Null(client.SessionCookie);
        await (await client.GetAsync("/api/auth/session")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_GitHub_identity_links_to_the_existing_verified_password_account_with_that_address()
    {
        using var client = stack.ClientA();
        var email = NewEmail("gh-linked");
        var userId = await RegisteredAndVerifiedUserIdAsync(client, email);

        // Through the redirect route this time; GitHub reports the address in another letter case.
        using var browser = stack.ClientA();
        var started = await browser.GetAsync("/api/auth/signin/github");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        using var provider = new OpenIdProviderDriver(browser);
        var landed = await CallbackAsync(browser, await provider.SignInAsync(started.Headers.Location!, email.ToUpperInvariant()));
        Assert.Equal("/", landed.Headers.Location!.OriginalString);
        var session = await (await browser.GetAsync("/api/auth/session")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(userId, session.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal(email, session.GetProperty("user").GetProperty("email").GetString());

        // The password still works for the same user.
        using var password = stack.ClientA();
        var signIn = await (await password.PostJsonAsync("/api/auth/login", new { email, password = Password })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(userId, signIn.GetProperty("user").GetProperty("id").GetString());
    }

    [Fact]
    public async Task GitHub_is_listed_among_the_providers()
    {
        using var client = stack.ClientA();
        var providers = await (await client.GetAsync("/api/auth/providers")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(providers.EnumerateArray(), p =>
            p.GetProperty("id").GetString() == "github"
            && p.GetProperty("type").GetString() == "github"
            && p.GetProperty("name").GetString() == "GitHub");
        Assert.Contains(providers.EnumerateArray(), p => p.GetProperty("id").GetString() == "local");
    }
}
