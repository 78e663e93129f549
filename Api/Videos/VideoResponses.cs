using Microsoft.Extensions.Options;
using Platform.Api.Storage;
using Platform.Api.Videos.Contracts;
using Platform.Grains.Interfaces.Videos;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Api.Videos;

/// <summary>A video as the API shows it, with its playback and thumbnail URLs once it is ready.</summary>
public sealed class VideoResponses(PlaybackTokens tokens, ObjectUrls storage, IOptions<PlatformOptions> platform, IOptions<VideoUrlOptions> urls)
{
    public async Task<VideoResponse> From(VideoView video, long views = 0)
    {
        string? playback = null, thumbnail = null;
        if (video.Status == VideoStatus.Ready && !string.IsNullOrEmpty(video.OutputPrefix))
        {
            var (token, _) = tokens.Issue(video.Id, video.OutputPrefix, video.PlaybackEpoch);
            playback = new Uri(platform.Value.PublicBaseUrl!, $"/api/videos/{video.Id}/hls/master.m3u8?t={token}").ToString();
            thumbnail = (await storage.GetAsync(video.OutputPrefix + TranscodeResult.ThumbnailName, urls.Value.PlaybackLifetime)).Url;
        }
        return new VideoResponse(video.Id.ToString(), video.OwnerId.ToString(), video.Title, video.Description,
            VideoText.Of(video.Visibility), VideoText.Of(video.Status), video.Progress, video.EtaSeconds, video.SizeBytes,
            video.DurationSeconds, video.Width, video.Height,
            [.. video.Renditions.Select(r => new RenditionResponse(r.Name, r.Width, r.Height, r.Bandwidth))],
            thumbnail, playback, video.Error is { } e ? new VideoErrorResponse(e.Code, e.Message) : null, views, video.CreatedAt, video.UpdatedAt);
    }
}
