using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using Platform.ServiceDefaults.Configuration;
using Platform.ServiceDefaults.Storage;

namespace Platform.Api.Storage;

/// <summary>
/// Creates the bucket at start-up when it is absent, retrying while storage is unreachable, and sets
/// its CORS rule: browsers on the platform's origins (the public URL and <c>Platform:AllowedOrigins</c>)
/// may PUT uploads and GET objects. MinIO has no per-bucket CORS and answers NotImplemented; it takes
/// its origins from <c>MINIO_API_CORS_ALLOW_ORIGIN</c> (docker-compose sets it). Then a lifecycle rule
/// that aborts multipart uploads left incomplete.
/// </summary>
public sealed class BucketInitializer(IMinioClient minio, IAmazonS3 s3, IOptions<S3Options> options, IOptions<PlatformOptions> platform, ILogger<BucketInitializer> logger) : BackgroundService
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
                await SetCorsAsync(bucket, stoppingToken);
                await SetLifecycleAsync(bucket, stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Object storage not ready for bucket {Bucket} (attempt {Attempt}): {Reason}", bucket, attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10)), stoppingToken);
            }
        }
    }

    /// <summary>The web origins that upload straight to the bucket.</summary>
    public static IReadOnlyList<string> WebOrigins(PlatformOptions platform) =>
        [.. platform.AllowedOrigins.Append(platform.PublicBaseUrl?.ToString()).OfType<string>()
            .Select(o => new Uri(o).GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// The backstop for multipart uploads nobody completed or aborted (a crash between creating one
    /// and noting it, an abort that lost to a part in flight): storage aborts them after 2 days.
    /// </summary>
    private Task SetLifecycleAsync(string bucket, CancellationToken ct) =>
        SetRuleAsync("lifecycle rule", () => s3.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new LifecycleConfiguration
            {
                Rules =
                [
                    new LifecycleRule
                    {
                        Id = "abort-incomplete-uploads",
                        Status = LifecycleRuleStatus.Enabled,
                        Filter = new LifecycleFilter { LifecycleFilterPredicate = new LifecyclePrefixPredicate { Prefix = "" } },
                        AbortIncompleteMultipartUpload = new LifecycleRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = 2 },
                    },
                ],
            },
        }, ct), $"Bucket {bucket} aborts multipart uploads left incomplete for 2 days",
        "multipart uploads left incomplete are aborted only by the videos' own clean-up");

    private Task SetCorsAsync(string bucket, CancellationToken ct)
    {
        var origins = WebOrigins(platform.Value);
        if (origins.Count == 0) return Task.CompletedTask;
        // The Minio SDK has no CORS call; the AWS SDK speaks it to any S3 endpoint.
        return SetRuleAsync("CORS rule", () => s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new CORSConfiguration
            {
                Rules =
                [
                    new CORSRule
                    {
                        AllowedOrigins = [.. origins],
                        AllowedMethods = ["PUT", "GET", "HEAD"],
                        AllowedHeaders = ["*"],
                        ExposeHeaders = ["ETag"],
                        MaxAgeSeconds = 3600,
                    },
                ],
            },
        }, ct), $"Bucket {bucket} accepts browser uploads from {string.Join(", ", origins)}",
        $"set its server-wide CORS origins to {string.Join(", ", origins)}");
    }

    /// <summary>Sets a bucket rule; storage that keeps no such rule per bucket (MinIO's CORS, s3rver) says NotImplemented, which is logged with what to do instead.</summary>
    private async Task SetRuleAsync(string rule, Func<Task> put, string done, string otherwise)
    {
        try
        {
            await put();
            logger.LogInformation("{Done}", done);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "NotImplemented" or "NotSupported")
        {
            logger.LogInformation("Object storage keeps no per-bucket {Rule} ({Code}): {Otherwise}", rule, e.ErrorCode, otherwise);
        }
    }
}
