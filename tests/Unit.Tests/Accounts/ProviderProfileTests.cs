using Platform.Api.Accounts.External;

namespace Platform.Unit.Tests.Accounts;

/// <summary>A provider's name and picture are checked like user input before they are stored.</summary>
public sealed class ProviderProfileTests
{
    [Theory]
    [InlineData("https://avatars.example.com/u/1?v=4")]
    [InlineData("https://lh3.googleusercontent.com/a/photo")]
    public void An_https_picture_is_kept(string url) => Assert.Equal(new Uri(url).AbsoluteUri, ProviderProfile.Picture(url));

    [Theory]
    [InlineData("http://avatars.example.com/u/1")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("//avatars.example.com/u/1")]
    [InlineData("https://user:pass@avatars.example.com/u/1")]
    [InlineData("not a url")]
    [InlineData(null)]
    public void Anything_else_is_dropped(string? url) => Assert.Null(ProviderProfile.Picture(url));

    [Fact]
    public void An_over_long_picture_url_is_dropped() =>
        Assert.Null(ProviderProfile.Picture("https://avatars.example.com/" + new string('a', ProviderProfile.MaxPictureUrlLength)));

    [Fact]
    public void A_plain_name_is_kept_trimmed() => Assert.Equal("Ann Example", ProviderProfile.Name("  Ann Example "));

    [Theory]
    [InlineData("\u202Eadmin")]
    [InlineData("Ann\u0000")]
    public void A_name_with_hidden_characters_is_dropped(string name) => Assert.Null(ProviderProfile.Name(name));

    [Fact]
    public void A_name_of_one_letter_under_many_combining_marks_is_dropped() =>
        Assert.Null(ProviderProfile.Name("a" + new string('\u0301', 300_000)));
}
