using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Minio;
using Platform.ServiceDefaults.Configuration;

namespace Platform.ServiceDefaults.Storage;

public static class ObjectStorageClient
{
    /// <summary>
    /// The S3 clients of <c>S3:*</c>, for API nodes and silos alike: the Minio client for objects, and
    /// the AWS SDK's for what the Minio SDK lacks (multipart uploads by id, bucket CORS).
    /// </summary>
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
        services.AddSingleton<IAmazonS3>(sp =>
        {
            var s3 = sp.GetRequiredService<IOptions<S3Options>>().Value;
            return AmazonClient(s3, s3.Endpoint!);
        });
        return services;
    }

    /// <summary>
    /// An AWS SDK client for any S3-compatible server at <paramref name="endpoint"/>: path-style
    /// buckets, and checksums only where S3 requires them (servers other than AWS may not know the
    /// newer checksum headers).
    /// </summary>
    public static AmazonS3Client AmazonClient(S3Options s3, Uri endpoint) =>
        new(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = s3.Region,
            UseHttp = endpoint.Scheme == Uri.UriSchemeHttp,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
}
