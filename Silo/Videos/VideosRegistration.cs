using Platform.Grains.Videos;

namespace Platform.Silo.Videos;

public static class VideosRegistration
{
    /// <summary>The video grains and their rules (<c>Videos:Rules</c>). The transcoding pipeline is not registered yet (issue 7).</summary>
    public static IHostApplicationBuilder AddVideos(this IHostApplicationBuilder builder)
    {
        builder.Services.AddVideoGrains();
        return builder;
    }
}
