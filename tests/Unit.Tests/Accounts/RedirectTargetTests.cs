using Platform.Api.Accounts.External;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Unit.Tests.Accounts;

/// <summary>Where a social sign-in may send the browser back to: a path on this site or an allowed origin, never an open redirect.</summary>
public sealed class RedirectTargetTests
{
    private static readonly PlatformOptions Platform = new()
    {
        PublicBaseUrl = new Uri("https://videos.example.com/"),
        AllowedOrigins = ["http://app.example.test"],
    };

    private static string? Check(string? redirectTo) => RedirectTarget.Check(redirectTo, Platform);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_a_target_the_browser_returns_to_the_root(string? redirectTo) => Assert.Equal("/", Check(redirectTo));

    [Theory]
    [InlineData("/")]
    [InlineData("/welcome")]
    [InlineData("/welcome?tab=1&x=%2F%2Fevil")]
    [InlineData("/a/b#section")]
    [InlineData("/caf%C3%A9")]
    public void A_relative_path_is_kept_as_it_is(string redirectTo) => Assert.Equal(redirectTo, Check(redirectTo));

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("//evil.example/path")]
    [InlineData("///evil.example")]
    public void A_protocol_relative_url_is_refused(string redirectTo) => Assert.Null(Check(redirectTo));

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/path\\..\\x")]
    public void A_backslash_is_refused(string redirectTo) => Assert.Null(Check(redirectTo));

    [Theory]
    [InlineData("/caf\u00e9")]
    [InlineData("/\u202Eevil")]
    [InlineData("/\uFF0F\uFF0Fevil.example")] // full-width solidus
    [InlineData("http://app.example.test/caf\u00e9")]
    public void Non_ascii_is_refused(string redirectTo) => Assert.Null(Check(redirectTo));

    [Theory]
    [InlineData("/ok\r\nSet-Cookie: x=y")]
    [InlineData("/ok\tx")]
    [InlineData("/ok\0")]
    [InlineData("/ok\u007F")]
    [InlineData(" /leading-space")]
    [InlineData("/with space")]
    public void Control_characters_and_spaces_are_refused(string redirectTo) => Assert.Null(Check(redirectTo));

    [Theory]
    [InlineData("http://user@app.example.test/")]
    [InlineData("http://user:password@app.example.test/")]
    [InlineData("http://app.example.test@evil.example/")]
    public void A_url_with_userinfo_is_refused(string redirectTo) => Assert.Null(Check(redirectTo));

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("http://app.example.test.evil.example/")]
    [InlineData("https://app.example.test/")] // allowed host, other scheme
    [InlineData("http://app.example.test:8080/")] // allowed host, other port
    [InlineData("http://videos.example.com/")] // public host, other scheme
    [InlineData("javascript:alert(1)")]
    [InlineData("JAVASCRIPT:alert(1)")]
    [InlineData("data:text/html,x")]
    [InlineData("ftp://app.example.test/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("welcome")]
    [InlineData("evil.example")]
    public void Another_origin_or_scheme_is_refused(string redirectTo) => Assert.Null(Check(redirectTo));

    [Theory]
    [InlineData("http://app.example.test/after?x=1", "http://app.example.test/after?x=1")]
    [InlineData("http://app.example.test", "http://app.example.test/")]
    [InlineData("HTTP://APP.Example.Test/after", "http://app.example.test/after")]
    [InlineData("https://videos.example.com/home", "https://videos.example.com/home")]
    public void A_url_of_an_allowed_origin_is_accepted(string redirectTo, string expected) => Assert.Equal(expected, Check(redirectTo));

    [Fact]
    public void A_target_of_2048_characters_is_accepted()
    {
        var target = "/" + new string('a', 2047);
        Assert.Equal(target, Check(target));
    }

    [Fact]
    public void A_target_over_2048_characters_is_refused() => Assert.Null(Check("/" + new string('a', 2048)));
}
