using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Unit.Tests.Infrastructure;

/// <summary>Outside Development the public URL is https unless it is loopback; origins are http(s) URLs.</summary>
public sealed class PlatformOptionsValidatorTests
{
    [Theory]
    [InlineData("https://videos.example.com", "Production", true)]
    [InlineData("http://videos.example.com", "Production", false)]
    [InlineData("http://videos.example.com", "Staging", false)]
    [InlineData("http://videos.example.com", "Development", true)]
    [InlineData("http://127.0.0.1:5000", "Production", true)]
    [InlineData("http://localhost:5000", "Production", true)]
    [InlineData("http://[::1]:5000", "Production", true)]
    [InlineData("videos.example.com", "Development", false)] // no scheme: not a URL in any environment
    public void The_public_url_is_https_outside_development_unless_loopback(string url, string environment, bool accepted)
    {
        var result = new PlatformOptionsValidator(new FakeHostEnvironment(environment)).Validate(null, new PlatformOptions { PublicBaseUrl = new Uri(url, UriKind.RelativeOrAbsolute) });
        Assert.Equal(accepted, result.Succeeded);
        if (!accepted) Assert.Contains("Platform:PublicBaseUrl", result.FailureMessage);
    }

    [Theory]
    [InlineData("app.example.com")]
    [InlineData("ftp://app.example.com")]
    [InlineData("/relative")]
    [InlineData("http://app.example.com")] // outside Development an origin is https too
    public void An_allowed_origin_that_is_not_an_http_url_is_refused_naming_the_entry(string origin)
    {
        var options = new PlatformOptions { PublicBaseUrl = new Uri("https://videos.example.com"), AllowedOrigins = ["https://app.example.com", origin] };
        var result = new PlatformOptionsValidator(new FakeHostEnvironment(Environments.Production)).Validate(null, options);
        Assert.False(result.Succeeded);
        Assert.Contains("Platform:AllowedOrigins:1", result.FailureMessage);
    }
}
