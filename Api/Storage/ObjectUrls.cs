using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;
using Platform.ServiceDefaults.Storage;

namespace Platform.Api.Storage;

/// <summary>
/// The Api's dealings with object storage: pre-signed URLs for clients (signed for the public
/// endpoint, since the host is part of the signature), and the checks the Api makes itself — the
/// local S3 server verifies no signature and no size, so every rule lives here.
/// </summary>
public sealed class ObjectUrls(IMinioClient minio, IOptions<S3Options> options, TimeProvider time)
{
    private readonly S3Options _s3 = options.Value;
    private readonly IMinioClient _signer = new MinioClient()
        .WithEndpoint((options.Value.PublicEndpoint ?? options.Value.Endpoint)!.Authority)
        .WithSSL((options.Value.PublicEndpoint ?? options.Value.Endpoint)!.Scheme == Uri.UriSchemeHttps)
        .WithCredentials(options.Value.AccessKey, options.Value.SecretKey)
        .WithRegion(options.Value.Region)
        .Build();

    public string Bucket => _s3.Bucket;

    /// <summary>A pre-signed PUT of <paramref name="key"/>, valid for <paramref name="lifetime"/>.</summary>
    public async Task<SignedUrl> PutAsync(string key, TimeSpan lifetime)
    {
        var url = await _signer.PresignedPutObjectAsync(new PresignedPutObjectArgs().WithBucket(_s3.Bucket).WithObject(key).WithExpiry(Seconds(lifetime)));
        return new SignedUrl(url, time.GetUtcNow() + lifetime);
    }

    /// <summary>A pre-signed GET of <paramref name="key"/>, valid for <paramref name="lifetime"/>.</summary>
    public async Task<SignedUrl> GetAsync(string key, TimeSpan lifetime)
    {
        var url = await _signer.PresignedGetObjectAsync(new PresignedGetObjectArgs().WithBucket(_s3.Bucket).WithObject(key).WithExpiry(Seconds(lifetime)));
        return new SignedUrl(url, time.GetUtcNow() + lifetime);
    }

    /// <summary>The size of the object, or null when there is none.</summary>
    public async Task<long?> SizeAsync(string key, CancellationToken ct)
    {
        try
        {
            var stat = await minio.StatObjectAsync(new StatObjectArgs().WithBucket(_s3.Bucket).WithObject(key), ct);
            return stat.Size;
        }
        catch (Exception e) when (e is ObjectNotFoundException or BucketNotFoundException)
        {
            return null;
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct) =>
        minio.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(_s3.Bucket).WithObject(key), ct);

    /// <summary>A small object (a playlist) as text, or null when there is none.</summary>
    public async Task<string?> ReadTextAsync(string key, CancellationToken ct)
    {
        try
        {
            string? text = null;
            await minio.GetObjectAsync(new GetObjectArgs().WithBucket(_s3.Bucket).WithObject(key).WithCallbackStream(async (stream, token) =>
            {
                using var reader = new StreamReader(stream);
                text = await reader.ReadToEndAsync(token);
            }), ct);
            return text;
        }
        catch (Exception e) when (e is ObjectNotFoundException or BucketNotFoundException)
        {
            return null;
        }
    }

    // Signatures count whole seconds; S3 allows at most 7 days.
    private static int Seconds(TimeSpan lifetime) => (int)Math.Clamp(lifetime.TotalSeconds, 1, 7 * 24 * 3600);
}

/// <summary>A pre-signed URL and when it stops working.</summary>
public sealed record SignedUrl(string Url, DateTimeOffset ExpiresAt);
