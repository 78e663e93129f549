using Platform.Api.Accounts.Sessions;

namespace Platform.Unit.Tests.Accounts;

/// <summary>The name a session gets after the client that signed in.</summary>
public sealed class DeviceLabelTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36", "Chrome on Linux")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36", "Chrome on Linux")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15", "Safari on macOS")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1", "Safari on iOS")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36", "Chrome on Android")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0", "Firefox on Windows")]
    [InlineData("curl/8.5.0", "curl")]
    [InlineData("okhttp/4.12.0", "okhttp")]
    public void Known_clients_get_a_short_name(string userAgent, string expected) => Assert.Equal(expected, DeviceLabel.From(userAgent));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<>{}/1")]
    public void Nothing_usable_is_no_name(string? userAgent) => Assert.Null(DeviceLabel.From(userAgent));

    [Fact]
    public void Odd_characters_are_left_out_and_the_name_is_short()
    {
        Assert.Equal("evilscriptalert1", DeviceLabel.From("evil<script>alert(1)</script> more"));
        Assert.Equal(64, DeviceLabel.From(new string('a', 500))!.Length);
    }
}
