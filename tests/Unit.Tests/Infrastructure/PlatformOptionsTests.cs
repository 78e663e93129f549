using Platform.ServiceDefaults.Configuration;

namespace Platform.Unit.Tests.Infrastructure;

/// <summary>Which origins may send cookie requests and be redirected to: scheme, host and port must match.</summary>
public sealed class PlatformOptionsTests
{
    private static readonly PlatformOptions Platform = new()
    {
        PublicBaseUrl = new Uri("https://videos.example.com/"),
        AllowedOrigins = ["http://app.example.test", "https://admin.example.com:8443/", "not a url"],
    };

    [Theory]
    [InlineData("https://videos.example.com")]
    [InlineData("https://videos.example.com/")]
    [InlineData("https://videos.example.com:443")] // the default port, written out
    [InlineData("https://VIDEOS.Example.COM")]
    [InlineData("HTTPS://videos.example.com")]
    public void The_public_origin_is_allowed(string origin) => Assert.True(Platform.IsAllowedOrigin(origin));

    [Theory]
    [InlineData("http://app.example.test")]
    [InlineData("http://APP.example.test")]
    [InlineData("http://app.example.test:80")]
    [InlineData("https://admin.example.com:8443")]
    public void A_configured_origin_is_allowed(string origin) => Assert.True(Platform.IsAllowedOrigin(origin));

    [Theory]
    [InlineData("http://videos.example.com")] // scheme
    [InlineData("https://videos.example.com:8443")] // port
    [InlineData("https://app.example.test")] // scheme of a configured origin
    [InlineData("http://app.example.test:8080")] // port of a configured origin
    [InlineData("https://admin.example.com")] // the configured origin has port 8443
    [InlineData("https://evil.example")]
    [InlineData("https://videos.example.com.evil.example")]
    [InlineData("https://evil.videos.example.com")]
    [InlineData("https://videos.example.com@evil.example")]
    public void Another_scheme_host_or_port_is_not_allowed(string origin) => Assert.False(Platform.IsAllowedOrigin(origin));

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("not a url")]
    [InlineData("videos.example.com")]
    [InlineData("//videos.example.com")]
    [InlineData("/")]
    [InlineData("https://")]
    public void Garbage_is_not_allowed(string origin) => Assert.False(Platform.IsAllowedOrigin(origin));

    [Fact]
    public void Without_a_public_url_only_the_configured_origins_are_allowed()
    {
        var platform = new PlatformOptions { AllowedOrigins = ["http://app.example.test"] };
        Assert.True(platform.IsAllowedOrigin("http://app.example.test"));
        Assert.False(platform.IsAllowedOrigin("https://videos.example.com"));
    }

    [Theory]
    [InlineData("https://videos.example.com/", true)]
    [InlineData("http://127.0.0.1:5000/", false)]
    public void Https_follows_the_public_url(string url, bool https) => Assert.Equal(https, new PlatformOptions { PublicBaseUrl = new Uri(url) }.IsHttps);
}
