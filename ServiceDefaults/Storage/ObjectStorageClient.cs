using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Minio;
using Platform.ServiceDefaults.Configuration;

namespace Platform.ServiceDefaults.Storage;

public static class ObjectStorageClient
{
    /// <summary>The S3 client of <c>S3:*</c>, for API nodes and silos alike.</summary>
    public static IServiceCollection AddObjectStorageClient(this IServiceCollection services)
    {
        services.AddSettings<S3Options>(S3Options.Section);
        services.AddSingleton<IMinioClient>(sp =>
        {
            var s3 = sp.GetRequiredService<IOptions<S3Options>>().Value;
            return new MinioClient()
                .WithEndpoint(s3.Endpoint!.Authority)
                .WithSSL(s3.Endpoint.Scheme == Uri.UriSchemeHttps)
                .WithCredentials(s3.AccessKey, s3.SecretKey)
                .WithRegion(s3.Region)
                .Build();
        });
        return services;
    }
}
