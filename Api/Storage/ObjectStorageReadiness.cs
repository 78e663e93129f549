using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using Platform.ServiceDefaults.Storage;

namespace Platform.Api.Storage;

/// <summary>Object storage answers for the configured bucket.</summary>
public sealed class ObjectStorageReadiness(IMinioClient minio, IOptions<S3Options> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var exists = await minio.BucketExistsAsync(new BucketExistsArgs().WithBucket(options.Value.Bucket), ct);
        return exists ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded($"Bucket '{options.Value.Bucket}' does not exist yet.");
    }
}
