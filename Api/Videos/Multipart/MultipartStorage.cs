using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using Platform.Api.Storage;
using Platform.ServiceDefaults.Storage;

namespace Platform.Api.Videos.Multipart;

/// <summary>
/// Multipart uploads in object storage, through the AWS SDK: the Minio .NET SDK cannot pre-sign an
/// <c>UploadPart</c> (minio-dotnet issue 1065) nor address an upload by its id. Part URLs are signed
/// for the public endpoint, like every URL a client gets.
/// </summary>
public sealed class MultipartStorage(IAmazonS3 s3, IOptions<S3Options> options, TimeProvider time) : IDisposable
{
    private readonly string _bucket = options.Value.Bucket;
    private readonly Uri _publicEndpoint = options.Value.PublicEndpoint ?? options.Value.Endpoint!;
    private readonly AmazonS3Client _signer = ObjectStorageClient.AmazonClient(options.Value, options.Value.PublicEndpoint ?? options.Value.Endpoint!);

    public async Task<string> CreateAsync(string key, CancellationToken ct)
    {
        var created = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = _bucket,
            Key = key,
            ContentType = "application/octet-stream",
        }, ct);
        return created.UploadId;
    }

    /// <summary>
    /// A pre-signed PUT of one part, its length signed too: storage that checks signatures (S3,
    /// MinIO) takes exactly <paramref name="length"/> bytes there, so a part URL cannot carry more
    /// than the plan gives. Signing is local (no call to storage).
    /// </summary>
    public async Task<SignedUrl> SignPartAsync(string key, string uploadId, int partNumber, long length, TimeSpan lifetime)
    {
        var expires = time.GetUtcNow() + lifetime;
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.PUT,
            UploadId = uploadId,
            PartNumber = partNumber,
            Expires = expires.UtcDateTime,
            Protocol = _publicEndpoint.Scheme == Uri.UriSchemeHttps ? Protocol.HTTPS : Protocol.HTTP,
        };
        request.Headers.ContentLength = length;
        var url = await _signer.GetPreSignedURLAsync(request);
        return new SignedUrl(url, expires);
    }

    /// <summary>The parts storage holds (number, size, ETag), or null when the upload is gone (completed or aborted).</summary>
    public async Task<IReadOnlyList<StoredPart>?> ListAsync(string key, string uploadId, CancellationToken ct)
    {
        var parts = new List<StoredPart>();
        string? marker = null;
        try
        {
            while (true)
            {
                var page = await s3.ListPartsAsync(new ListPartsRequest { BucketName = _bucket, Key = key, UploadId = uploadId, PartNumberMarker = marker }, ct);
                parts.AddRange((page.Parts ?? []).Select(p => new StoredPart(p.PartNumber ?? 0, p.Size ?? 0, p.ETag)));
                if (page.IsTruncated != true || page.NextPartNumberMarker is not { } next) break;
                var nextMarker = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (nextMarker == marker) break; // a page that moves no further would loop for ever
                marker = nextMarker;
            }
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchUpload")
        {
            return null;
        }
        return parts;
    }

    public async Task CompleteAsync(string key, string uploadId, IEnumerable<StoredPart> parts, CancellationToken ct) =>
        await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = _bucket,
            Key = key,
            UploadId = uploadId,
            PartETags = [.. parts.OrderBy(p => p.Number).Select(p => new PartETag(p.Number, p.ETag))],
        }, ct);

    /// <summary>Drops the upload and its parts; one that is gone already is fine.</summary>
    public async Task AbortAsync(string key, string uploadId, CancellationToken ct)
    {
        try
        {
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = uploadId }, ct);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchUpload")
        {
        }
    }

    public void Dispose() => _signer.Dispose();
}

/// <summary>A part in storage.</summary>
public sealed record StoredPart(int Number, long Size, string ETag);
