using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Api.Accounts.External;

public static class SocialSignInRegistration
{
    /// <summary>The configured providers and the OAuth / OpenID Connect client that talks to them.</summary>
    public static IServiceCollection AddSocialSignIn(this IServiceCollection services)
    {
        services.AddSettings<SocialSignInOptions>(SocialSignInOptions.Section);
        services.AddSingleton<IValidateOptions<SocialSignInOptions>, SocialSignInOptionsValidator>();
        services.AddSingleton<IReadOnlyList<ExternalProvider>>(sp => ExternalProvider.From(sp.GetRequiredService<IOptions<SocialSignInOptions>>().Value));
        // One long-lived client whose pooled connections are renewed, so provider DNS changes are seen.
        // Provider answers are small; a bounded buffer keeps a hostile or broken one from filling memory.
        services.AddHttpClient(nameof(ExternalSignIn), c =>
            {
                c.Timeout = TimeSpan.FromSeconds(15);
                c.MaxResponseContentBufferSize = 1024 * 1024;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ExternalSignIn>(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ExternalSignIn))));
        services.AddSingleton<SocialSignInFlow>();
        return services;
    }
}
