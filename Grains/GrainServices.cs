using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Grains.Users;

namespace Platform.Grains;

public static class GrainServices
{
    /// <summary>What the grains need from the host, besides an <see cref="Mail.IMailer"/>.</summary>
    public static IServiceCollection AddPlatformGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthRules>()
            .Bind(configuration.GetSection(AuthRules.Section))
            .Configure(rules =>
            {
                // Links in emails lead to the public site unless configured otherwise.
                if (configuration[$"{AuthRules.Section}:{nameof(AuthRules.EmailLinkBaseUrl)}"] is null
                    && Uri.TryCreate(configuration["Platform:PublicBaseUrl"], UriKind.Absolute, out var publicBase))
                    rules.EmailLinkBaseUrl = publicBase;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuthEmails>();
        return services;
    }
}
