using Minio;
using Minio.DataModel.Args;

namespace Platform.Api.Tests.Fixtures;

/// <summary>What the test bucket holds, read with the S3 API (the Api's own view does not count).</summary>
public static class BucketContents
{
    private static readonly IMinioClient Client = new MinioClient()
        .WithEndpoint(new Uri(TestServices.S3).Authority)
        .WithCredentials(TestServices.S3AccessKey, TestServices.S3SecretKey)
        .WithRegion("us-east-1")
        .Build();

    public static async Task<List<string>> KeysAsync(string bucket, string prefix)
    {
        var keys = new List<string>();
        await foreach (var item in Client.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(bucket).WithPrefix(prefix).WithRecursive(true)))
            keys.Add(item.Key);
        return keys;
    }

    /// <summary>The bucket of an <see cref="ApiFixture"/>.</summary>
    public const string Bucket = "api-tests";
}
