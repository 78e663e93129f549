using Microsoft.Extensions.Options;
using Platform.Api.Storage;
using Platform.Api.Videos;
using Platform.Grains.Interfaces.Videos;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Api.Playback;

/// <summary>
/// The <c>playbackUrl</c> and <c>thumbnailUrl</c> of a ready video (see <see cref="PlaybackEndpoints"/>):
/// stable, cacheable URLs for a public video; for an unlisted or private one, a signed playlist
/// URL and a pre-signed thumbnail URL that expire.
/// </summary>
public sealed class PlaybackUrls(PlaybackTokens tokens, ObjectUrls storage, IOptions<PlatformOptions> platform, IOptions<VideoUrlOptions> urls)
{
    public async Task<(string? Playback, string? Thumbnail)> For(VideoView video)
    {
        if (video.Status != VideoStatus.Ready || string.IsNullOrEmpty(video.OutputPrefix)) return (null, null);
        if (video.Visibility == VideoVisibility.Public)
        {
            var ladder = $"/api/videos/{video.Id}/hls/{PlaybackEndpoints.LadderOf(video.OutputPrefix)}/";
            return (Absolute(ladder + "master.m3u8"), Absolute(ladder + TranscodeResult.ThumbnailName));
        }
        var (token, _) = tokens.Issue(video.Id, video.OutputPrefix, video.PlaybackEpoch);
        var thumbnail = await storage.GetAsync(video.OutputPrefix + TranscodeResult.ThumbnailName, urls.Value.PlaybackLifetime);
        return (Absolute($"/api/videos/{video.Id}/hls/master.m3u8?t={token}"), thumbnail.Url);
    }

    private string Absolute(string path) => new Uri(platform.Value.PublicBaseUrl!, path).ToString();
}
