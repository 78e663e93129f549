using Platform.Api.Infrastructure.RateLimiting;
using Platform.Api.Playback;
using Platform.Api.Videos.Multipart;
using Platform.Api.Views;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Api.Videos;

public static class VideosRegistration
{
    /// <summary>The video routes, their URL settings (<c>Videos:Urls</c>), resumable uploads (<c>Videos:Multipart</c>), the read model's reader and HLS playback.</summary>
    public static WebApplicationBuilder AddVideos(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<VideoUrlOptions>(VideoUrlOptions.Section);
        builder.Services.AddSettings<MultipartOptions>(MultipartOptions.Section);
        builder.Services.AddSingleton<MultipartStorage>();
        builder.Services.AddPlatformDatabase();
        builder.Services.AddSingleton<PlaybackTokens>();
        builder.Services.AddSingleton<PlaybackUrls>();
        builder.Services.AddSingleton<ViewerKeys>();
        builder.Services.AddSingleton<VideoResponses>();
        builder.Services.AddSingleton<VideoCatalogReader>();
        builder.Services.AddPerIpPolicy(VideoEndpoints.CreateRateLimit, limits => (limits.VideoCreatesPerIp, limits.VideoCreateWindow));
        builder.Services.AddPerIpPolicy(PlaybackEndpoints.PlaylistRateLimit, limits => (limits.PlaylistsPerIp, limits.PlaylistWindow));
        builder.Services.AddPerIpPolicy(PlaybackEndpoints.MediaRateLimit, limits => (limits.MediaPerIp, limits.MediaWindow));
        builder.Services.AddPerIpPolicy(Feeds.FeedEndpoints.ListingRateLimit, limits => (limits.ListingsPerIp, limits.ListingWindow));
        builder.Services.AddPerIpPolicy(MultipartEndpoints.RateLimit, limits => (limits.UploadCallsPerIp, limits.UploadCallWindow));
        builder.Services.AddPerIpPolicy(Views.ViewEndpoints.ViewRateLimit, limits => (limits.ViewsPerIp, limits.ViewWindow));
        return builder;
    }

    public static WebApplication MapVideos(this WebApplication app)
    {
        app.MapVideoEndpoints();
        app.MapMultipartEndpoints();
        app.MapPlaybackEndpoints();
        app.MapVideoEvents();
        app.MapViews();
        return app;
    }
}
