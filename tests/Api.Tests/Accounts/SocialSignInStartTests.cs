using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Api.Tests.Fixtures;

namespace Platform.Api.Tests.Accounts;

/// <summary>
/// Starting a social sign-in: the configured providers, and where the browser may be sent back to
/// (a relative path or an allowed origin, never an open redirect). The whole flow against the
/// provider is in the integration tests.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SocialSignInStartTests(ApiFixture api)
{
    private static string AuthorizeEndpoint => TestServices.OidcAuthority.ToString().TrimEnd('/') + "/auth";

    [Fact]
    public async Task The_configured_providers_are_listed_with_their_type()
    {
        using var client = api.Client();
        var providers = await (await client.GetAsync("/api/auth/providers")).ExpectAsync(HttpStatusCode.OK);
        var local = Assert.Single(providers.EnumerateArray(), p => p.GetProperty("id").GetString() == ApiFixture.Provider);
        Assert.Equal("oidc", local.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(local.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("//evil.example/path")]
    [InlineData("/\\evil")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("http://app.example.test@evil.example/")]
    [InlineData("http://app.example.test.evil.example/")]
    [InlineData("http://app.example.test/")] // an allowed host, but another scheme
    [InlineData("https://app.example.test:8080/")] // an allowed host, but another port
    [InlineData("/ok\r\nSet-Cookie: x=y")]
    [InlineData(" /leading-space")]
    [InlineData("/caf\u00e9")]
    [InlineData("relative-without-slash")]
    public async Task A_sign_in_start_refuses_a_redirect_target_off_the_allowed_origins(string redirectTo)
    {
        using var client = api.Client();
        var viaRedirect = await (await client.GetAsync($"/api/auth/signin/{ApiFixture.Provider}?redirectTo={Uri.EscapeDataString(redirectTo)}"))
            .ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(viaRedirect.GetProperty("errors").TryGetProperty("redirectTo", out _), viaRedirect.ToString());

        var viaLogin = await (await client.PostJsonAsync("/api/auth/login", new { provider = ApiFixture.Provider, redirectTo }))
            .ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(viaLogin.GetProperty("errors").TryGetProperty("redirectTo", out _), viaLogin.ToString());
    }

    [Fact]
    public async Task A_sign_in_start_with_a_relative_path_redirects_to_the_provider()
    {
        using var client = api.Client();
        var response = await client.GetAsync($"/api/auth/signin/{ApiFixture.Provider}?redirectTo={Uri.EscapeDataString("/welcome?tab=1")}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertAuthorizeUrl(response.Headers.Location!);
    }

    [Fact]
    public async Task A_sign_in_start_without_a_redirect_target_redirects_to_the_provider()
    {
        using var client = api.Client();
        var response = await client.GetAsync($"/api/auth/signin/{ApiFixture.Provider}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertAuthorizeUrl(response.Headers.Location!);
    }

    [Theory]
    [InlineData("/after")]
    [InlineData(ApiFixture.AllowedOrigin + "/after?x=1")]
    [InlineData(ApiFixture.AllowedOrigin)]
    public async Task A_sign_in_start_accepts_a_relative_path_or_an_allowed_origin(string redirectTo)
    {
        using var client = api.Client();
        var started = await (await client.PostJsonAsync("/api/auth/login", new { provider = ApiFixture.Provider, redirectTo })).ExpectAsync(HttpStatusCode.OK);
        AssertAuthorizeUrl(new Uri(started.GetProperty("url").GetString()!));

        var redirected = await client.GetAsync($"/api/auth/signin/{ApiFixture.Provider}?redirectTo={Uri.EscapeDataString(redirectTo)}");
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        AssertAuthorizeUrl(redirected.Headers.Location!);
    }

    [Fact]
    public async Task The_public_origin_is_an_allowed_redirect_target()
    {
        using var client = api.Client();
        var started = await (await client.PostJsonAsync("/api/auth/login", new { provider = ApiFixture.Provider, redirectTo = new Uri(api.BaseUrl, "/home").ToString() }))
            .ExpectAsync(HttpStatusCode.OK);
        AssertAuthorizeUrl(new Uri(started.GetProperty("url").GetString()!));
    }

    [Fact]
    public async Task The_authorize_url_is_a_valid_uri_with_every_query_value_encoded()
    {
        using var client = api.Client();
        var redirected = await client.GetAsync($"/api/auth/signin/{ApiFixture.Provider}?redirectTo=/after");
        // The header as sent, not as HttpClient re-parsed it.
        var location = string.Join("", redirected.Headers.GetValues("Location"));
        var started = await (await client.PostJsonAsync("/api/auth/login", new { provider = ApiFixture.Provider })).ExpectAsync(HttpStatusCode.OK);
        foreach (var url in new[] { location, started.GetProperty("url").GetString()! })
        {
            Assert.DoesNotContain(' ', url);
            Assert.Contains("scope=openid%20email%20profile", url);
            Assert.True(Uri.IsWellFormedUriString(url, UriKind.Absolute), url);
        }
    }

    [Fact]
    public async Task Every_start_mints_its_own_browser_binding_never_the_one_the_request_brings()
    {
        using var client = api.Client();
        const string planted = "planted-binding-value-from-an-attacker-0123456789";
        var first = await client.SendAsync(HttpMethod.Get, $"/api/auth/signin/{ApiFixture.Provider}", null, null,
            new Dictionary<string, string> { ["Cookie"] = $"platform_oauth={planted}" });
        var second = await client.GetAsync($"/api/auth/signin/{ApiFixture.Provider}");

        var bindings = new[] { first, second }
            .Select(r => Assert.Single(r.Headers.GetValues("Set-Cookie"), c => c.StartsWith("platform_oauth=", StringComparison.Ordinal)))
            .Select(c => c.Split(';')[0]["platform_oauth=".Length..])
            .ToList();
        Assert.DoesNotContain(planted, bindings);
        Assert.NotEqual(bindings[0], bindings[1]);
    }

    [Theory]
    [InlineData(ApiFixture.MisnamedProvider)] // discovery names another issuer than the configured authority
    [InlineData(ApiFixture.BrokenProvider)] // no discovery document at all
    public async Task A_provider_that_cannot_be_trusted_or_reached_is_a_502_problem_never_a_redirect(string provider)
    {
        using var client = api.Client();
        await (await client.GetAsync($"/api/auth/signin/{provider}")).ExpectAsync(HttpStatusCode.BadGateway, "oauth_error");
        await (await client.PostJsonAsync("/api/auth/login", new { provider })).ExpectAsync(HttpStatusCode.BadGateway, "oauth_error");
    }

    [Fact]
    public async Task An_unknown_provider_is_a_validation_problem_naming_the_provider()
    {
        using var client = api.Client();
        var viaLogin = await (await client.PostJsonAsync("/api/auth/login", new { provider = "nowhere" })).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(viaLogin.GetProperty("errors").TryGetProperty("provider", out _), viaLogin.ToString());
        var viaRedirect = await (await client.GetAsync("/api/auth/signin/nowhere")).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(viaRedirect.GetProperty("errors").TryGetProperty("provider", out _), viaRedirect.ToString());
    }

    [Fact]
    public async Task A_sign_in_start_takes_either_a_password_or_a_provider_not_both()
    {
        using var client = api.Client();
        await (await client.PostJsonAsync("/api/auth/login", new { provider = ApiFixture.Provider, email = "ann@example.test", password = AccountSteps.Password }))
            .ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    /// <summary>The provider's authorize endpoint, with what every start must send: PKCE (S256), state, nonce and this API's callback.</summary>
    private void AssertAuthorizeUrl(Uri url)
    {
        Assert.Equal(AuthorizeEndpoint, url.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal(TestServices.OidcClientId, query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        Assert.Equal(new Uri(api.BaseUrl, $"/api/auth/callback/{ApiFixture.Provider}").ToString(), query["redirect_uri"]);
    }
}
