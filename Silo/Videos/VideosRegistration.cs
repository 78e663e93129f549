using Platform.Grains.Videos;
using Platform.ServiceDefaults.Configuration;
using Platform.ServiceDefaults.Storage;

namespace Platform.Silo.Videos;

public static class VideosRegistration
{
    /// <summary>The video grains and their rules (<c>Videos:Rules</c>), the read model they write and the objects they remove.</summary>
    public static IHostApplicationBuilder AddVideos(this IHostApplicationBuilder builder)
    {
        builder.Services.AddVideoGrains();
        builder.Services.AddPlatformDatabase();
        builder.Services.AddObjectStorageClient();
        builder.Services.AddSingleton<IVideoCatalog, PostgresVideoCatalog>();
        builder.Services.AddSingleton<S3VideoObjects>();
        builder.Services.AddSingleton<IVideoObjects>(sp => sp.GetRequiredService<S3VideoObjects>());
        return builder;
    }
}
