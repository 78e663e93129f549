using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Grains.Videos;

public static class VideoGrainsRegistration
{
    /// <summary>What the video grains need from the host: the rules from <c>Videos:Rules</c> and a clock.</summary>
    public static IServiceCollection AddVideoGrains(this IServiceCollection services)
    {
        services.AddOptions<VideoRules>().BindConfiguration(VideoRules.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
