using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;
using Platform.Grains.Videos;
using Platform.ServiceDefaults.Storage;

namespace Platform.Silo.Videos;

/// <summary>The videos' objects in the bucket of <c>S3:*</c>: the source to fetch, ladders to store, folders to remove.</summary>
public sealed class S3VideoObjects(IMinioClient minio, IOptions<S3Options> options, ILogger<S3VideoObjects> logger) : IVideoObjects
{
    /// <summary>Uploads and deletions in flight at once for one job.</summary>
    private const int Parallelism = 8;
    private readonly string _bucket = options.Value.Bucket;

    public Task DeleteAllAsync(Guid videoId, CancellationToken ct = default) => DeletePrefixAsync(IVideoObjects.FolderOf(videoId), ct);

    /// <summary>Removes every object whose key starts with <paramref name="prefix"/> (a folder, ending in '/').</summary>
    public async Task DeletePrefixAsync(string prefix, CancellationToken ct = default)
    {
        if (!prefix.EndsWith('/') || prefix.Length < 2) throw new ArgumentException("Only a folder is removed as a whole.", nameof(prefix));
        var keys = new List<string>();
        await foreach (var item in minio.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(_bucket).WithPrefix(prefix).WithRecursive(true), ct))
            keys.Add(item.Key);
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (key, token) =>
            await minio.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(_bucket).WithObject(key), token));
        if (keys.Count > 0) logger.LogInformation("Removed {Count} objects under {Prefix}", keys.Count, prefix);
    }

    /// <summary>Fetches <paramref name="key"/> to <paramref name="path"/>; false when there is no such object.</summary>
    public async Task<bool> DownloadAsync(string key, string path, CancellationToken ct)
    {
        try
        {
            await minio.GetObjectAsync(new GetObjectArgs().WithBucket(_bucket).WithObject(key).WithCallbackStream(async (stream, token) =>
            {
                await using var file = File.Create(path);
                await stream.CopyToAsync(file, token);
            }), ct);
            return true;
        }
        catch (ObjectNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Stores every file under <paramref name="folder"/> at <paramref name="prefix"/> + its relative path, in parallel; the bytes stored.</summary>
    public async Task<long> UploadFolderAsync(string folder, string prefix, CancellationToken ct)
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
