using System.Net;
using Platform.Api.Tests.Fixtures;

namespace Platform.Api.Tests.Accounts;

/// <summary>A page of another site cannot use the browser's session cookie to change anything (CSRF).</summary>
[Collection(ApiCollection.Name)]
public sealed class CrossSiteRequestTests(ApiFixture api)
{
    private static Dictionary<string, string> Header(string name, string value) => new() { [name] = value };

    private async Task<ApiClient> SignedInBrowserAsync()
    {
        var browser = api.Client();
        await api.RegisteredAndVerifiedAsync(browser);
        Assert.NotNull(browser.SessionCookie);
        return browser;
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://app.example.test.evil.example")]
    [InlineData("http://app.example.test")] // an allowed host, but another scheme
    [InlineData("null")] // what sandboxed frames and some redirects send
    public async Task A_cookie_request_from_a_foreign_origin_is_refused(string origin)
    {
        using var browser = await SignedInBrowserAsync();

        await (await browser.PostJsonAsync("/api/auth/logout", null, headers: Header("Origin", origin))).ExpectAsync(HttpStatusCode.Forbidden, "forbidden");
        var list = await (await browser.GetAsync("/api/auth/sessions")).ExpectAsync(HttpStatusCode.OK);
        var id = Assert.Single(list.EnumerateArray()).GetProperty("id").GetString();
        await (await browser.DeleteAsync($"/api/auth/sessions/{id}", headers: Header("Origin", origin))).ExpectAsync(HttpStatusCode.Forbidden, "forbidden");
        // Nothing happened.
        await (await browser.GetAsync("/api/auth/session")).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    public async Task A_cookie_request_without_origin_that_the_browser_marks_as_from_another_site_is_refused(string secFetchSite)
    {
        using var browser = await SignedInBrowserAsync();

        await (await browser.PostJsonAsync("/api/auth/logout", null, headers: Header("Sec-Fetch-Site", secFetchSite))).ExpectAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await browser.GetAsync("/api/auth/session")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Cookie_requests_from_the_public_origin_and_the_allowed_origins_pass()
    {
        using (var browser = await SignedInBrowserAsync())
        {
            await (await browser.PostJsonAsync("/api/auth/logout", null, headers: Header("Origin", ApiFixture.AllowedOrigin))).ExpectAsync(HttpStatusCode.NoContent);
            await (await browser.GetAsync("/api/auth/session")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }
        using (var browser = await SignedInBrowserAsync())
        {
            var publicOrigin = api.BaseUrl.GetLeftPart(UriPartial.Authority);
            await (await browser.PostJsonAsync("/api/auth/logout", null, headers: Header("Origin", publicOrigin))).ExpectAsync(HttpStatusCode.NoContent);
            await (await browser.GetAsync("/api/auth/session")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }
        using (var browser = await SignedInBrowserAsync())
        {
            await (await browser.PostJsonAsync("/api/auth/logout", null, headers: Header("Sec-Fetch-Site", "same-origin"))).ExpectAsync(HttpStatusCode.NoContent);
            await (await browser.GetAsync("/api/auth/session")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }
    }

    [Fact]
    public async Task Reading_with_the_cookie_from_a_foreign_origin_is_not_refused()
    {
        using var browser = await SignedInBrowserAsync();
        var read = await browser.SendAsync(HttpMethod.Get, "/api/auth/session", null, null, Header("Origin", "https://evil.example"));
        await read.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_bearer_request_is_not_subject_to_the_origin_check()
    {
        // A page of another site cannot make the browser send an Authorization header on its own.
        using var app = api.Client();
        var (_, signIn) = await api.RegisteredAndVerifiedAsync(app);
        using var noCookies = api.Client();
        await (await noCookies.PostJsonAsync("/api/auth/logout", null, bearer: signIn.Token(), headers: Header("Origin", "https://evil.example")))
            .ExpectAsync(HttpStatusCode.NoContent);
        await (await noCookies.GetAsync("/api/auth/session", bearer: signIn.Token())).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
