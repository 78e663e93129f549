using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Integration.Tests.Infrastructure;
using static Platform.Integration.Tests.Infrastructure.SocialSignIn;

namespace Platform.Integration.Tests;

/// <summary>Social sign-in against the real dev OpenID provider, driven over plain HTTP.</summary>
[Collection(StackCollection.Name)]
public sealed class SocialSignInTests(PlatformStack stack)
{
    private async Task<Uri> StartAsync(ApiClient client, string? redirectTo = null)
    {
        var url = await SocialSignIn.StartAsync(client, stack.ApiA, "local", redirectTo);
        Assert.False(string.IsNullOrEmpty(QueryHelpers.ParseQuery(url.Query)["nonce"]));
        return url;
    }

    [Fact]
    public async Task Sign_in_with_the_provider_creates_a_verified_account_and_returns_to_redirectTo()
    {
        using var client = stack.ClientA();
        using var provider = new OpenIdProviderDriver(client);
        var email = NewEmail("social");
        var callback = await provider.SignInAsync(await StartAsync(client, "/welcome?tab=1"), email);

        var landed = await CallbackAsync(client, callback);
        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/welcome?tab=1", landed.Headers.Location!.OriginalString);
        var session = await (await client.GetAsync("/api/auth/session")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(email, session.GetProperty("user").GetProperty("email").GetString());
        Assert.True(session.GetProperty("user").GetProperty("emailVerified").GetBoolean());

        // The same state cannot be used twice.
        using var replay = stack.ClientA();
        foreach (var cookie in client.Cookies.GetAllCookies().Cast<Cookie>()) replay.Cookies.Add(cookie);
        await (await CallbackAsync(replay, callback)).ExpectAsync(HttpStatusCode.BadRequest, "invalid_state");
    }

    [Fact]
    public async Task The_request_log_keeps_neither_the_authorization_code_nor_the_session_token()
    {
        using var client = stack.ClientA();
        using var provider = new OpenIdProviderDriver(client);
        var callback = await provider.SignInAsync(await StartAsync(client), NewEmail("logged"));
        var code = QueryHelpers.ParseQuery(callback.Query)["code"].ToString();
        await CallbackAsync(client, callback);
        var token = client.SessionCookie!;
        await (await client.GetAsync("/api/auth/session", bearer: token)).ExpectAsync(HttpStatusCode.OK);

        // Wait for the log line of that request (node A logs every request), then look for the secrets.
        await Eventually.Async(() => Task.FromResult(stack.NodeA.Output.Contains("GET /api/auth/callback/local")), TimeSpan.FromSeconds(10), "the callback was not logged");
        Assert.DoesNotContain(code, stack.NodeA.Output);
        Assert.DoesNotContain(token, stack.NodeA.Output);
    }

    [Fact]
    public async Task The_redirect_route_starts_the_same_flow()
    {
        using var client = stack.ClientA();
        var response = await client.GetAsync("/api/auth/signin/local?redirectTo=/home");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(TestServices.OidcAuthority.ToString().TrimEnd('/') + "/auth?", response.Headers.Location!.ToString());

        using var provider = new OpenIdProviderDriver(client);
        var landed = await CallbackAsync(client, await provider.SignInAsync(response.Headers.Location!, NewEmail("redirect")));
        Assert.Equal("/home", landed.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_provider_identity_links_to_the_existing_account_with_that_verified_address()
    {
        using var client = stack.ClientA();
        var email = NewEmail("linked");
        var userId = await RegisteredAndVerifiedUserIdAsync(client, email);

        using var browser = stack.ClientA();
        using var provider = new OpenIdProviderDriver(browser);
        await CallbackAsync(browser, await provider.SignInAsync(await StartAsync(browser), email.ToUpperInvariant()));
        var session = await (await browser.GetAsync("/api/auth/session")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(userId, session.GetProperty("user").GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_address_the_provider_has_not_verified_gets_no_account()
    {
        using var client = stack.ClientA();
        using var provider = new OpenIdProviderDriver(client);
        var email = NewEmail("unverified");
        var callback = await provider.SignInAsync(await StartAsync(client), $"unverified+{email}");
        await (await CallbackAsync(client, callback)).ExpectAsync(HttpStatusCode.BadRequest, "oauth_error");
        Assert.Null(client.SessionCookie);
    }

    [Fact]
    public async Task A_callback_in_another_browser_is_refused()
    {
        using var starter = stack.ClientA();
        using var provider = new OpenIdProviderDriver(starter);
        var callback = await provider.SignInAsync(await StartAsync(starter), NewEmail("stolen"));

        using var attacker = stack.ClientA();
        await (await CallbackAsync(attacker, callback)).ExpectAsync(HttpStatusCode.BadRequest, "invalid_state");
        Assert.Null(attacker.SessionCookie);
    }

    [Fact]
    public async Task Denied_consent_and_forged_or_missing_state_give_no_session()
    {
        using var client = stack.ClientA();
        using var provider = new OpenIdProviderDriver(client);
        var callback = await provider.SignInAsync(await StartAsync(client), NewEmail("denied"), abort: true);
        Assert.Contains("error=access_denied", callback.Query);
        await (await CallbackAsync(client, callback)).ExpectAsync(HttpStatusCode.BadRequest, "oauth_error");

        await (await client.GetAsync("/api/auth/callback/local?code=abc&state=forged")).ExpectAsync(HttpStatusCode.BadRequest, "invalid_state");
        await (await client.GetAsync("/api/auth/callback/local?code=abc")).ExpectAsync(HttpStatusCode.BadRequest, "invalid_state");
        Assert.Null(client.SessionCookie);
    }

    [Fact]
    public async Task A_forged_authorization_code_is_an_oauth_error()
    {
        using var client = stack.ClientA();
        var state = QueryHelpers.ParseQuery((await StartAsync(client)).Query)["state"].ToString();
        await (await client.GetAsync($"/api/auth/callback/local?code=forged&state={state}")).ExpectAsync(HttpStatusCode.BadRequest, "oauth_error");
        Assert.Null(client.SessionCookie);
    }
}
