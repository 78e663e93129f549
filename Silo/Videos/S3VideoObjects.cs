using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;
using Platform.Grains.Videos;
using Platform.ServiceDefaults.Storage;

namespace Platform.Silo.Videos;

/// <summary>The videos' objects in the bucket of <c>S3:*</c>: the source to fetch, ladders to store, folders to remove.</summary>
public sealed class S3VideoObjects(IMinioClient minio, IAmazonS3 s3, IOptions<S3Options> options, ILogger<S3VideoObjects> logger) : IVideoObjects
{
    /// <summary>Uploads in flight at once for one job.</summary>
    private const int Parallelism = 8;
    private readonly string _bucket = options.Value.Bucket;

    public Task DeleteAllAsync(Guid videoId, CancellationToken ct = default) => DeletePrefixAsync(IVideoObjects.FolderOf(videoId), ct);

    /// <summary>The Minio SDK aborts uploads only by listing a key's uploads; the AWS SDK takes the id.</summary>
    public async Task AbortUploadAsync(string key, string uploadId, CancellationToken ct = default)
    {
        try
        {
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = uploadId }, ct);
            logger.LogInformation("Aborted the multipart upload of {Key}", key);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchUpload")
        {
            // Completed or aborted already.
        }
    }

    /// <summary>Removes every object whose key starts with <paramref name="prefix"/> (a folder, ending in '/').</summary>
    public async Task DeletePrefixAsync(string prefix, CancellationToken ct = default)
    {
        if (!prefix.EndsWith('/') || prefix.Length < 2) throw new ArgumentException("Only a folder is removed as a whole.", nameof(prefix));
        await DeleteAsync(await KeysAsync(prefix, ct), prefix, ct);
    }

    /// <summary>
    /// Copies through this silo (read, then write), not with a storage-side copy: the local S3 server
    /// fails those. A ladder is copied only when its video is restricted further, so the bytes are few.
    /// </summary>
    public async Task CopyFolderAsync(string from, string to, CancellationToken ct = default)
    {
        if (!from.EndsWith('/') || !to.EndsWith('/')) throw new ArgumentException("Only folders are copied as a whole.");
        var objects = new List<(string Key, long Size)>();
        await foreach (var item in minio.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(_bucket).WithPrefix(from).WithRecursive(true), ct))
            objects.Add((item.Key, (long)item.Size));
        await Parallel.ForEachAsync(objects, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (item, token) =>
        {
            using var buffer = new MemoryStream();
            await minio.GetObjectAsync(new GetObjectArgs().WithBucket(_bucket).WithObject(item.Key)
                .WithCallbackStream(async (stream, streamToken) => await stream.CopyToAsync(buffer, streamToken)), token);
            buffer.Position = 0;
            await minio.PutObjectAsync(new PutObjectArgs().WithBucket(_bucket).WithObject(to + item.Key[from.Length..])
                .WithStreamData(buffer).WithObjectSize(buffer.Length).WithContentType(ContentTypeOf(item.Key)), token);
        });
        logger.LogInformation("Copied {Count} objects from {From} to {To}", objects.Count, from, to);
    }

    private async Task<List<string>> KeysAsync(string prefix, CancellationToken ct)
    {
        var keys = new List<string>();
        await foreach (var item in minio.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(_bucket).WithPrefix(prefix).WithRecursive(true), ct))
            keys.Add(item.Key);
        return keys;
    }

    private async Task DeleteAsync(IReadOnlyCollection<string> keys, string under, CancellationToken ct)
    {
        // One multi-object delete per 1,000 keys (S3's limit): few requests, and no race between
        // single deletes in one folder (the local S3 server fails those now and then).
        foreach (var chunk in keys.Chunk(1000))
        {
            var errors = await minio.RemoveObjectsAsync(new RemoveObjectsArgs().WithBucket(_bucket).WithObjects([.. chunk]), ct);
            if (errors.Count > 0) throw new IOException($"Storage could not remove {errors.Count} objects under {under}, e.g. {errors[0].Key}: {errors[0].Message}");
        }
        if (keys.Count > 0) logger.LogInformation("Removed {Count} objects under {Prefix}", keys.Count, under);
    }

    public enum Fetched { Whole, Missing, TooLarge }

    /// <summary>
    /// Fetches <paramref name="key"/> to <paramref name="path"/>, at most <paramref name="maxBytes"/>
    /// (the size checked at complete: its upload URL may still be used afterwards, so the size is
    /// checked again and the copy is cut off beyond it).
    /// </summary>
    public async Task<Fetched> DownloadAsync(string key, string path, long maxBytes, Action<long>? moved, CancellationToken ct)
    {
        try
        {
            var stat = await minio.StatObjectAsync(new StatObjectArgs().WithBucket(_bucket).WithObject(key), ct);
            if (stat.Size > maxBytes) return Fetched.TooLarge;
            var tooLarge = false;
            await minio.GetObjectAsync(new GetObjectArgs().WithBucket(_bucket).WithObject(key).WithCallbackStream(async (stream, token) =>
            {
                await using var file = File.Create(path);
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer, token)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        tooLarge = true;
                        return;
                    }
                    await file.WriteAsync(buffer.AsMemory(0, read), token);
                    moved?.Invoke(read);
                }
            }), ct);
            return tooLarge ? Fetched.TooLarge : Fetched.Whole;
        }
        catch (Exception e) when (e is ObjectNotFoundException or BucketNotFoundException)
        {
            return Fetched.Missing;
        }
    }

    /// <summary>Removes every ladder folder of the video but <paramref name="keep"/> (left by runs that died while storing).</summary>
    public async Task DeleteOtherLaddersAsync(Guid videoId, string keep, CancellationToken ct)
    {
        var ladders = IVideoObjects.FolderOf(videoId) + "hls-";
        var others = (await KeysAsync(ladders, ct)).Where(key => !key.StartsWith(keep, StringComparison.Ordinal)).ToList();
        await DeleteAsync(others, ladders, ct);
    }

    /// <summary>Stores every file under <paramref name="folder"/> at <paramref name="prefix"/> + its relative path, in parallel; the bytes stored.</summary>
    public async Task<long> UploadFolderAsync(string folder, string prefix, Action<long>? moved, CancellationToken ct)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToList();
        long bytes = 0;
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (file, token) =>
        {
            var key = prefix + Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            var size = new FileInfo(file).Length;
            await minio.PutObjectAsync(new PutObjectArgs().WithBucket(_bucket).WithObject(key).WithFileName(file).WithObjectSize(size)
                .WithContentType(ContentTypeOf(file)), token);
            Interlocked.Add(ref bytes, size);
            moved?.Invoke(size);
        });
        return bytes;
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".m3u8" => "application/vnd.apple.mpegurl",
        ".ts" => "video/mp2t",
        ".jpg" => "image/jpeg",
        _ => "application/octet-stream",
    };
}
