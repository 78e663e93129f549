using Platform.ServiceDefaults.Configuration;

namespace Platform.Api.Recommendations;

public static class RecommendationsRegistration
{
    /// <summary>Related videos, recommendations and the trending list (<c>Recommendations</c>).</summary>
    public static WebApplicationBuilder AddRecommendations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<RecommendationOptions>(RecommendationOptions.Section);
        builder.Services.AddPlatformDatabase();
        builder.Services.AddSingleton<TrendingVideos>();
        builder.Services.AddSingleton<RecommendationReader>();
        return builder;
    }
}
