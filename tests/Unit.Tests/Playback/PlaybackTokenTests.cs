using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Platform.Api.Playback;
using Platform.Api.Videos;

namespace Platform.Unit.Tests.Playback;

/// <summary>The token of a signed playback URL: good for its video, ladder and epoch until it expires, and for nothing else.</summary>
public sealed class PlaybackTokenTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly string Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly Clock _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    private PlaybackTokens Tokens(string? key = null) =>
        new(Options.Create(new VideoUrlOptions { SigningKey = key ?? Key, PlaybackLifetime = TimeSpan.FromHours(6) }), _clock);

    [Fact]
    public void A_token_plays_its_ladder_until_it_expires()
    {
        var video = Guid.NewGuid();
        var (token, expires) = Tokens().Issue(video, "videos/x/hls-1/", 0);
        Assert.InRange(expires, _clock.Now.AddHours(6).AddMinutes(-1), _clock.Now.AddHours(6));

        var valid = Tokens().ForVideo(token, video);
        Assert.NotNull(valid);
        Assert.True(Tokens().ForLadder(valid, "videos/x/hls-1/", 0));

        _clock.Now = expires;
        Assert.Null(Tokens().ForVideo(token, video));
    }

    [Fact]
    public void A_token_is_refused_for_another_video_ladder_epoch_or_key_and_when_forged()
    {
        var video = Guid.NewGuid();
        var (token, _) = Tokens().Issue(video, "videos/x/hls-1/", 3);
        var valid = Tokens().ForVideo(token, video)!;

        Assert.Null(Tokens().ForVideo(token, Guid.NewGuid()));
        Assert.False(Tokens().ForLadder(valid, "videos/x/hls-2/", 3));
        Assert.False(Tokens().ForLadder(valid, "videos/x/hls-1/", 4));
        Assert.Null(Tokens(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).ForVideo(token, video));
        // The video's MAC (bytes 8–23) altered: refused before any grain is asked; the ladder's MAC altered: refused with the ladder.
        var alteredVideoMac = token[..20] + (token[20] == 'A' ? 'B' : 'A') + token[21..];
        foreach (var forged in new[] { null, "", "x", new string('A', 54), alteredVideoMac, token + token })
            Assert.Null(Tokens().ForVideo(forged, video));
        var alteredLadderMac = token[..40] + (token[40] == 'A' ? 'B' : 'A') + token[41..];
        Assert.False(Tokens().ForLadder(Tokens().ForVideo(alteredLadderMac, video)!, "videos/x/hls-1/", 3));
    }
}
