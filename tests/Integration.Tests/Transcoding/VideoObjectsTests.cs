using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using Platform.ServiceDefaults.Storage;
using Platform.Silo.Videos;

namespace Platform.Integration.Tests.Transcoding;

/// <summary>The silo's view of the bucket, on the real S3 server: fetching a source no larger than completed, removing ladders.</summary>
public sealed class VideoObjectsTests : WorkFolderTest
{
    private const string Bucket = "video-objects";
    private static readonly IMinioClient Minio = new MinioClient().WithEndpoint(new Uri(TestServices.S3).Authority)
        .WithCredentials(TestServices.S3AccessKey, TestServices.S3SecretKey).WithRegion("us-east-1").Build();
    private static readonly S3Options Settings = new() { Bucket = Bucket, Endpoint = new Uri(TestServices.S3), AccessKey = TestServices.S3AccessKey, SecretKey = TestServices.S3SecretKey };
    private static readonly Amazon.S3.IAmazonS3 Aws = ObjectStorageClient.AmazonClient(Settings, Settings.Endpoint!);
    private readonly S3VideoObjects _objects = new(Minio, Aws, Options.Create(Settings), NullLogger<S3VideoObjects>.Instance);

    private static async Task PutAsync(string key, int bytes)
    {
        if (!await Minio.BucketExistsAsync(new BucketExistsArgs().WithBucket(Bucket))) await Minio.MakeBucketAsync(new MakeBucketArgs().WithBucket(Bucket));
        using var content = new MemoryStream(new byte[bytes]);
        await Minio.PutObjectAsync(new PutObjectArgs().WithBucket(Bucket).WithObject(key).WithStreamData(content).WithObjectSize(bytes));
    }

    [Fact]
    public async Task An_aborted_multipart_upload_drops_its_parts_and_a_second_abort_is_fine()
    {
        await PutAsync("warm-up", 1); // the bucket
        var key = $"videos/{Guid.NewGuid():N}/source-0123456789abcdef";
        var upload = (await Aws.InitiateMultipartUploadAsync(new() { BucketName = Bucket, Key = key })).UploadId;
        using (var part = new MemoryStream(new byte[1000]))
            await Aws.UploadPartAsync(new() { BucketName = Bucket, Key = key, UploadId = upload, PartNumber = 1, InputStream = part });
        Assert.Single((await Aws.ListPartsAsync(new() { BucketName = Bucket, Key = key, UploadId = upload })).Parts);

        await _objects.AbortUploadAsync(key, upload);
        await _objects.AbortUploadAsync(key, upload);

        var gone = await Assert.ThrowsAsync<Amazon.S3.AmazonS3Exception>(() => Aws.ListPartsAsync(new() { BucketName = Bucket, Key = key, UploadId = upload }));
        Assert.Equal("NoSuchUpload", gone.ErrorCode);
        using var late = new MemoryStream(new byte[10]);
        var refused = await Assert.ThrowsAsync<Amazon.S3.AmazonS3Exception>(() => Aws.UploadPartAsync(new() { BucketName = Bucket, Key = key, UploadId = upload, PartNumber = 2, InputStream = late }));
        Assert.Equal("NoSuchUpload", refused.ErrorCode);
    }

    [Fact]
    public async Task A_source_replaced_by_a_larger_file_after_complete_is_not_fetched()
    {
        var video = Guid.NewGuid();
        var key = $"videos/{video:N}/source-0123456789abcdef";
        await PutAsync(key, 5000);
        var path = Path.Combine(Dir, "source");

        Assert.Equal(S3VideoObjects.Fetched.TooLarge, await _objects.DownloadAsync(key, path, 4000, null, CancellationToken.None));
        long moved = 0;
        Assert.Equal(S3VideoObjects.Fetched.Whole, await _objects.DownloadAsync(key, path, 5000, bytes => moved += bytes, CancellationToken.None));
        Assert.Equal((5000, 5000L), (new FileInfo(path).Length, moved));
        Assert.Equal(S3VideoObjects.Fetched.Missing, await _objects.DownloadAsync(key + "x", path, 5000, null, CancellationToken.None));
    }

    [Fact]
    public async Task Only_the_kept_ladder_survives_and_delete_all_empties_the_folder()
    {
        var video = Guid.NewGuid();
        var folder = $"videos/{video:N}/";
        foreach (var key in new[] { "source-a", "hls-keep/master.m3u8", "hls-keep/360p/index.m3u8", "hls-dead/master.m3u8", "hls-dead/360p/segment_00000.ts" })
            await PutAsync(folder + key, 10);

        await _objects.DeleteOtherLaddersAsync(video, folder + "hls-keep/", CancellationToken.None);
        Assert.Equal([folder + "hls-keep/360p/index.m3u8", folder + "hls-keep/master.m3u8", folder + "source-a"], (await KeysAsync(folder)).Order());

        await _objects.DeleteAllAsync(video);
        Assert.Empty(await KeysAsync(folder));
    }

    private static async Task<List<string>> KeysAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var item in Minio.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(Bucket).WithPrefix(prefix).WithRecursive(true))) keys.Add(item.Key);
        return keys;
    }
}
