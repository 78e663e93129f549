using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Configuration;

public static class PlatformSettings
{
    /// <summary><c>Platform:*</c>, with its production safety checks.</summary>
    public static IServiceCollection AddPlatformSettings(this IServiceCollection services)
    {
        services.AddSettings<PlatformOptions>(PlatformOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlatformOptions>, PlatformOptionsValidator>());
        return services;
    }
}
