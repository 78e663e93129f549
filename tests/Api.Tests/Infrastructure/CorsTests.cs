using System.Net;
using Platform.Api.Tests.Fixtures;

namespace Platform.Api.Tests.Infrastructure;

/// <summary>Browsers on the configured web origins may call the API with credentials; no one else.</summary>
[Collection(ApiCollection.Name)]
public sealed class CorsTests(ApiFixture api)
{
    private static Dictionary<string, string> Preflight(string origin) => new()
    {
        ["Origin"] = origin,
        ["Access-Control-Request-Method"] = "POST",
        ["Access-Control-Request-Headers"] = "content-type",
    };

    [Fact]
    public async Task A_configured_web_origin_may_send_credentialed_requests()
    {
        using var client = api.Client();
        var preflight = await client.SendAsync(HttpMethod.Options, "/api/auth/login", null, null, Preflight(ApiFixture.AllowedOrigin));
        Assert.True(preflight.IsSuccessStatusCode, preflight.StatusCode.ToString());
        Assert.Equal(ApiFixture.AllowedOrigin, Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("true", Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Credentials")));

        var simple = await client.SendAsync(HttpMethod.Get, "/api/auth/providers", null, null, new Dictionary<string, string> { ["Origin"] = ApiFixture.AllowedOrigin });
        Assert.Equal(HttpStatusCode.OK, simple.StatusCode);
        Assert.Equal(ApiFixture.AllowedOrigin, Assert.Single(simple.Headers.GetValues("Access-Control-Allow-Origin")));
        var exposed = string.Join(",", simple.Headers.GetValues("Access-Control-Expose-Headers"));
        Assert.Contains("Retry-After", exposed, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://app.example.test")]
    [InlineData("null")]
    public async Task Another_origin_gets_no_cors_grant(string origin)
    {
        using var client = api.Client();
        var preflight = await client.SendAsync(HttpMethod.Options, "/api/auth/login", null, null, Preflight(origin));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        var simple = await client.SendAsync(HttpMethod.Get, "/api/auth/providers", null, null, new Dictionary<string, string> { ["Origin"] = origin });
        Assert.False(simple.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
