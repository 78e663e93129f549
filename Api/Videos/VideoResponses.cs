using Platform.Api.Playback;
using Platform.Api.Videos.Contracts;
using Platform.Grains.Interfaces.Videos;

namespace Platform.Api.Videos;

/// <summary>A video as the API shows it, with its playback and thumbnail URLs once it is ready.</summary>
public sealed class VideoResponses(PlaybackUrls playback)
{
    /// <summary>A list of videos, each with its view count, as the API shows them.</summary>
    public async Task<IReadOnlyList<VideoResponse>> From(IReadOnlyList<(VideoView Video, long Views)> items)
    {
        var list = new List<VideoResponse>(items.Count);
        foreach (var (video, views) in items) list.Add(await From(video, views));
        return list;
    }

    public async Task<VideoResponse> From(VideoView video, long views = 0)
    {
        var (playbackUrl, thumbnailUrl) = await playback.For(video);
        return new VideoResponse(video.Id.ToString(), video.OwnerId.ToString(), video.Title, video.Description,
            VideoText.Of(video.Visibility), VideoText.Of(video.Status), video.Progress, video.EtaSeconds, video.SizeBytes,
            video.DurationSeconds, video.Width, video.Height,
            [.. video.Renditions.Select(r => new RenditionResponse(r.Name, r.Width, r.Height, r.Bandwidth))],
            thumbnailUrl, playbackUrl, video.Error is { } e ? new VideoErrorResponse(e.Code, e.Message) : null, views, video.CreatedAt, video.UpdatedAt);
    }
}
