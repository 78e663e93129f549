using Microsoft.Extensions.Options;
using Minio;
using Platform.Api.Infrastructure.Health;
using Platform.ServiceDefaults.Configuration;

namespace Platform.Api.Storage;

public static class ObjectStorageRegistration
{
    /// <summary>S3-compatible object storage (<c>S3:*</c>): the client, the bucket created at start, its readiness check.</summary>
    public static WebApplicationBuilder AddObjectStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<S3Options>(S3Options.Section);
        builder.Services.AddSingleton<IMinioClient>(sp =>
        {
            var s3 = sp.GetRequiredService<IOptions<S3Options>>().Value;
            return new MinioClient()
                .WithEndpoint(s3.Endpoint!.Authority)
                .WithSSL(s3.Endpoint.Scheme == Uri.UriSchemeHttps)
                .WithCredentials(s3.AccessKey, s3.SecretKey)
                .WithRegion(s3.Region)
                .Build();
        });
        builder.Services.AddHostedService<BucketInitializer>();
        builder.Services.AddHealthChecks()
            .AddCheck<ObjectStorageReadiness>("object-storage", tags: [HealthEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(5));
        return builder;
    }
}
