using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Platform.Api.Accounts.Sessions;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Unit.Tests.Accounts;

/// <summary>Over https the session cookie carries the __Host- prefix; over plain http (development) it cannot.</summary>
public sealed class SessionCookieTests
{
    private static SessionCookie For(string publicUrl) => new(Options.Create(new PlatformOptions { PublicBaseUrl = new Uri(publicUrl) }));

    private static string Written(SessionCookie cookie)
    {
        var context = new DefaultHttpContext();
        cookie.Write(context, "token-value", DateTimeOffset.UtcNow.AddDays(7));
        return context.Response.Headers.SetCookie.ToString();
    }

    [Fact]
    public void Over_https_the_cookie_is_host_prefixed_secure_and_site_wide()
    {
        var header = Written(For("https://videos.example.com"));
        Assert.StartsWith("__Host-platform_session=token-value", header);
        Assert.Contains("secure", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", header, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", header, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Over_http_the_cookie_keeps_its_plain_name()
    {
        var header = Written(For("http://127.0.0.1:5000"));
        Assert.StartsWith("platform_session=token-value", header);
        Assert.DoesNotContain("secure", header, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_token_is_read_from_the_cookie_of_the_name_in_use_and_the_bearer_header_wins()
    {
        var cookie = For("https://videos.example.com");
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = "platform_session=plain; __Host-platform_session=prefixed";
        Assert.Equal(("prefixed", true), cookie.ReadToken(context.Request));
        context.Request.Headers.Authorization = "Bearer from-header";
        Assert.Equal(("from-header", false), cookie.ReadToken(context.Request));
    }
}
