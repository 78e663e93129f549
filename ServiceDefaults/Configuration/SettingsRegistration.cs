using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Configuration;

public static class SettingsRegistration
{
    /// <summary>
    /// The one way settings are read: an options class bound to its section, its data annotations
    /// checked when the process starts, so a missing or bad setting stops it with the key's name.
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
