using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;

namespace Platform.Api.Storage;

/// <summary>Creates the bucket at start-up when it is absent, retrying while storage is unreachable.</summary>
public sealed class BucketInitializer(IMinioClient minio, IOptions<S3Options> options, ILogger<BucketInitializer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var bucket = options.Value.Bucket;
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                if (!await minio.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), stoppingToken))
                {
                    await minio.MakeBucketAsync(new MakeBucketArgs().WithBucket(bucket), stoppingToken);
                    logger.LogInformation("Created bucket {Bucket}", bucket);
                }
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Object storage not ready for bucket {Bucket} (attempt {Attempt}): {Reason}", bucket, attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10)), stoppingToken);
            }
        }
    }
}
