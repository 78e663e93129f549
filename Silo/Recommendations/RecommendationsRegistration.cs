using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Silo.Recommendations;

public static class RecommendationsRegistration
{
    /// <summary>The co-watch pairing that related videos and recommendations read (<c>Recommendations:Pairing</c>).</summary>
    public static IHostApplicationBuilder AddRecommendations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<PairingOptions>(PairingOptions.Section);
        builder.Services.AddPlatformDatabase();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CoWatchPairing>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CoWatchPairing>());
        return builder;
    }
}
