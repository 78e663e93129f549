using Platform.Api.Infrastructure.Health;
using Platform.ServiceDefaults.Storage;

namespace Platform.Api.Storage;

public static class ObjectStorageRegistration
{
    /// <summary>
    /// S3-compatible object storage (<c>S3:*</c>): the client, the pre-signer of the URLs clients use,
    /// the bucket created at start with its CORS rule, its readiness check, and the seed-compatible
    /// <c>/s3</c> routes.
    /// </summary>
    public static WebApplicationBuilder AddObjectStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddObjectStorageClient();
        builder.Services.AddSingleton<ObjectUrls>();
        builder.Services.AddHostedService<BucketInitializer>();
        builder.Services.AddHealthChecks()
            .AddCheck<ObjectStorageReadiness>("object-storage", tags: [HealthEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    public static WebApplication MapObjectStorage(this WebApplication app)
    {
        app.MapObjectStorageEndpoints();
        return app;
    }
}
