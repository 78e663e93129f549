using System.ComponentModel.DataAnnotations;
using Platform.Api.Videos;
using Platform.Silo.Transcoding;

namespace Platform.Unit.Tests.Transcoding;

/// <summary>What a source may be, and settings that would let a running job be taken twice or leave playback URLs unsigned.</summary>
public sealed class TranscodingRulesTests
{
    private static List<ValidationResult> Validate(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Theory]
    [InlineData(3600, 1920, 1080)]
    [InlineData(6 * 3600, 7680, 4320)]
    [InlineData(1, 2, 2)]
    public void Ordinary_sources_pass(int seconds, int width, int height) =>
        MediaLimits.Check(new MediaFacts(TimeSpan.FromSeconds(seconds), width, height, HasAudio: true));

    [Theory]
    [InlineData(6 * 3600 + 1, 1920, 1080, "longer")]
    [InlineData(60, 16384, 16, "larger")]
    [InlineData(60, 8192, 8192, "larger")]
    public void Endless_or_huge_sources_are_invalid_media(int seconds, int width, int height, string word)
    {
        var refused = Assert.Throws<InvalidMediaException>(() => MediaLimits.Check(new MediaFacts(TimeSpan.FromSeconds(seconds), width, height, HasAudio: false)));
        Assert.Contains(word, refused.Message);
    }

    [Fact]
    public void The_default_worker_settings_are_valid() => Assert.Empty(Validate(new TranscodingOptions()));

    [Fact]
    public void A_renewal_slower_than_a_third_of_the_lease_is_refused()
    {
        var errors = Validate(new TranscodingOptions { Lease = TimeSpan.FromSeconds(30), RenewEvery = TimeSpan.FromSeconds(11) });
        Assert.Contains(errors, e => e.ErrorMessage!.Contains("Transcoding:RenewEvery"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 at all!")]
    public void Playback_urls_need_a_strong_signing_key(string? key) =>
        Assert.Contains(Validate(new VideoUrlOptions { SigningKey = key }), e => e.ErrorMessage!.Contains("Videos:Urls:SigningKey"));

    [Fact]
    public void Upload_urls_live_at_most_an_hour() =>
        Assert.NotEmpty(Validate(new VideoUrlOptions { SigningKey = Convert.ToBase64String(new byte[32]), UploadLifetime = TimeSpan.FromHours(2) }));
}
