using System.Net;
using Platform.Api.Tests.Fixtures;

namespace Platform.Api.Tests.Web;

/// <summary>The web app served at <c>/</c>: its files, its own routes, and the API's paths left to the API.</summary>
[Collection(ApiCollection.Name)]
public sealed class WebAppTests(ApiFixture api)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/watch/0b7e3f5e-0000-4000-8000-000000000000")]
    [InlineData("/me/videos")]
    public async Task The_apps_own_routes_answer_its_index_page_with_a_strict_content_policy(string path)
    {
        using var client = api.Client();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ApiFixture.WebIndex, await response.Content.ReadAsStringAsync());
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains($"connect-src 'self' {new Uri(TestServices.S3).GetLeftPart(UriPartial.Authority)}", policy);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_index_page_by_its_own_name_has_the_same_protection_and_a_missing_asset_is_no_page()
    {
        using var client = api.Client();
        using var index = await client.GetAsync("/index.html");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Contains("frame-ancestors 'none'", string.Join(" ", index.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("DENY", index.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-cache", index.Headers.CacheControl?.ToString());

        using var missing = await client.GetAsync("/assets/app-ffffffff.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Hashed_assets_are_kept_a_year()
    {
        using var client = api.Client();
        using var response = await client.GetAsync("/assets/app-0123abcd.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("console.log('app');", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/api")]
    [InlineData("/health/nothing")]
    [InlineData("/openapi/nothing.json")]
    public async Task The_apis_paths_never_answer_the_page(string path)
    {
        using var client = api.Client();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Platform test app", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_reads_get_the_page()
    {
        using var client = api.Client();
        using var response = await client.PostJsonAsync("/watch/x", new { });

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Platform test app", await response.Content.ReadAsStringAsync());
    }
}
