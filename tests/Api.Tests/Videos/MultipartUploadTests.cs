using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using Platform.Api.Tests.Fixtures;
using Platform.ServiceDefaults.Storage;

namespace Platform.Api.Tests.Videos;

/// <summary>
/// Resumable uploads in parts (API.md, Videos): open, sign, list, complete, abort, on the real S3
/// server, with parts of 5 MiB (the fixture's <c>Videos:Multipart:PartBytes</c>).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MultipartUploadTests(ApiFixture api) : IDisposable
{
    private const int PartSize = 5 * 1024 * 1024;
    private static readonly HttpClient Storage = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("multipart-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_file_sent_in_parts_resumes_from_the_parts_in_storage_and_becomes_a_ready_video()
    {
        var who = await api.UploaderAsync();
        var clip = await TestMedia.GenerateAsync(Path.Combine(_dir, "clip.mp4"), 640, 360, 2, audio: true);
        var bytes = Padded(await File.ReadAllBytesAsync(clip), 2 * PartSize + 1000); // three parts: 5 MiB, 5 MiB, the rest
        var id = (await who.CreateAsync(bytes.Length)).Id();

        var opened = await (await who.Client.PostJsonAsync($"/api/videos/{id}/multipart", new { }, who.Token)).ExpectAsync(HttpStatusCode.Created);
        var uploadId = opened.GetProperty("uploadId").GetString()!;
        Assert.Equal((PartSize, 3, 0), (opened.GetProperty("partSize").GetInt64(), opened.GetProperty("partCount").GetInt32(), opened.GetProperty("parts").GetArrayLength()));
        var again = await (await who.Client.PostJsonAsync($"/api/videos/{id}/multipart", new { }, who.Token)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(uploadId, again.GetProperty("uploadId").GetString());

        var urls = await SignAsync(who, id, uploadId, 1, 2, 3);
        await PutPartAsync(urls[1], bytes, 1);
        await PutPartAsync(urls[3], bytes, 3);

        // The connection dropped; the page came back: storage says what it has.
        var listed = await (await who.Client.GetAsync($"/api/videos/{id}/multipart/{uploadId}", who.Token)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([(1, PartSize), (3, bytes.Length - 2L * PartSize)], Parts(listed));
        var early = await (await who.Client.PostJsonAsync($"/api/videos/{id}/multipart/{uploadId}/complete", new { }, who.Token)).ExpectAsync(HttpStatusCode.Conflict, "parts_missing");
        Assert.Contains("Parts 2 ", early.GetProperty("detail").GetString());

        await PutPartAsync((await SignAsync(who, id, uploadId, 2))[2], bytes, 2);
        var completed = await (await who.Client.PostJsonAsync($"/api/videos/{id}/multipart/{uploadId}/complete", new { }, who.Token)).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("queued", completed.GetProperty("video").GetProperty("status").GetString());
        // Said again (the answer was lost): the same video, queued once.
        await (await who.Client.PostJsonAsync($"/api/videos/{id}/multipart/{uploadId}/complete", new { }, who.Token)).ExpectAsync(HttpStatusCode.Accepted);
        await (await who.Client.GetAsync($"/api/videos/{id}/multipart/{uploadId}", who.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");

        var (video, _) = await who.OutcomeAsync(id);
        Assert.Equal("ready", video.GetProperty("status").GetString());
        Assert.Equal(bytes.Length, video.GetProperty("sizeBytes").GetInt64());
        await (await who.Client.PostJsonAsync($"/api/videos/{id}/multipart", new { }, who.Token)).ExpectAsync(HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task A_part_of_the_wrong_size_is_refused_at_complete_and_two_completes_at_once_both_succeed()
    {
        var who = await api.UploaderAsync();
        var bytes = new byte[PartSize + 100];
        Random.Shared.NextBytes(bytes);
        var id = (await who.CreateAsync(bytes.Length)).Id();
        var uploadId = (await (await who.Client.PostJsonAsync($"/api/videos/{id}/multipart", new { }, who.Token)).ExpectAsync(HttpStatusCode.Created)).GetProperty("uploadId").GetString()!;
        var urls = await SignAsync(who, id, uploadId, 1, 2);
        // The signature covers each part's length (storage that checks signatures takes no other).
        Assert.All(urls.Values, url => Assert.Contains("content-length", Uri.UnescapeDataString(new Uri(url).Query)));
        await PutPartAsync(urls[1], bytes, 1);
        using (var shortPart = await Storage.PutAsync(urls[2], new ByteArrayContent(bytes, PartSize, 10)))
            Assert.True(shortPart.IsSuccessStatusCode); // the local S3 server checks no signature: the API must

        var invalid = await (await who.Client.PostJsonAsync($"/api/videos/{id}/multipart/{uploadId}/complete", new { }, who.Token)).ExpectAsync(HttpStatusCode.Conflict, "parts_invalid");
        Assert.Contains("Parts 2 ", invalid.GetProperty("detail").GetString());

        await PutPartAsync(urls[2], bytes, 2);
        var completes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => who.Client.PostJsonAsync($"/api/videos/{id}/multipart/{uploadId}/complete", new { }, who.Token)));
        foreach (var response in completes) await response.ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(bytes.Length, (await who.GetAsync(id)).GetProperty("sizeBytes").GetInt64());
    }

    [Fact]
    public async Task Opening_again_an_upload_completed_in_storage_whose_answer_was_lost_finishes_it()
    {
        var who = await api.UploaderAsync();
        var bytes = new byte[1000];
        var id = (await who.CreateAsync(bytes.Length)).Id();
        var uploadId = (await (await who.Client.PostJsonAsync($"/api/videos/{id}/multipart", new { }, who.Token)).ExpectAsync(HttpStatusCode.Created)).GetProperty("uploadId").GetString()!;
        var partUrl = (await SignAsync(who, id, uploadId, 1))[1];
        using var put = await Storage.PutAsync(partUrl, new ByteArrayContent(bytes));
        Assert.True(put.IsSuccessStatusCode);
        // Storage joined the parts, but the API never heard of it (a complete whose answer was lost on the way).
        var key = Uri.UnescapeDataString(new Uri(partUrl).AbsolutePath).Split('/', 3)[2];
        using var s3 = ObjectStorageClient.AmazonClient(new S3Options { AccessKey = TestServices.S3AccessKey, SecretKey = TestServices.S3SecretKey }, new Uri(TestServices.S3));
        await s3.CompleteMultipartUploadAsync(new() { BucketName = api.Bucket, Key = key, UploadId = uploadId, PartETags = [new(1, put.Headers.ETag!.Tag)] });

        await (await who.Client.PostJsonAsync($"/api/videos/{id}/multipart", new { }, who.Token)).ExpectAsync(HttpStatusCode.Conflict, "conflict");

        var video = await who.GetAsync(id);
        Assert.NotEqual("awaiting_upload", video.GetProperty("status").GetString());
        Assert.Equal(bytes.Length, video.GetProperty("sizeBytes").GetInt64());
        await (await who.Client.DeleteAsync($"/api/videos/{id}", who.Token)).ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_file_sent_by_the_single_put_aborts_the_open_upload_in_parts()
    {
        var who = await api.UploaderAsync();
        var bytes = new byte[1000];
        var created = await who.CreateAsync(bytes.Length);
        var id = created.Id();
        var uploadId = (await (await who.Client.PostJsonAsync($"/api/videos/{id}/multipart", new { }, who.Token)).ExpectAsync(HttpStatusCode.Created)).GetProperty("uploadId").GetString()!;
        var partUrl = (await SignAsync(who, id, uploadId, 1))[1];
        await PutPartAsync(partUrl, bytes, 1);

        await VideoSteps.PutAsync(created.GetProperty("upload"), bytes);
        await (await who.Client.PostJsonAsync($"/api/videos/{id}/complete", null, who.Token)).ExpectAsync(HttpStatusCode.Accepted);

        await AssertAbortedInStorageAsync(partUrl, uploadId);
        await (await who.Client.GetAsync($"/api/videos/{id}/multipart/{uploadId}", who.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await who.Client.DeleteAsync($"/api/videos/{id}", who.Token)).ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task The_routes_are_the_owners_and_sign_only_the_parts_of_the_plan()
    {
        var who = await api.UploaderAsync();
        var stranger = await api.UploaderAsync("stranger");
        var id = (await who.CreateAsync(2L * PartSize + 1)).Id(); // three parts
        var uploadId = (await (await who.Client.PostJsonAsync($"/api/videos/{id}/multipart", new { }, who.Token)).ExpectAsync(HttpStatusCode.Created)).GetProperty("uploadId").GetString()!;

        await (await stranger.Client.PostJsonAsync($"/api/videos/{id}/multipart", new { }, stranger.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.Client.GetAsync($"/api/videos/{id}/multipart/{uploadId}", stranger.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.Client.PostJsonAsync($"/api/videos/{id}/multipart/{uploadId}/parts", new { partNumbers = new[] { 1 } }, stranger.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.Client.PostJsonAsync($"/api/videos/{id}/multipart/{uploadId}/complete", new { }, stranger.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.Client.DeleteAsync($"/api/videos/{id}/multipart/{uploadId}", stranger.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        using (var anonymous = api.Client())
            await (await anonymous.PostJsonAsync($"/api/videos/{id}/multipart", new { })).ExpectAsync(HttpStatusCode.Unauthorized);
        await (await who.Client.GetAsync($"/api/videos/{id}/multipart/made-up", who.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await who.Client.PostJsonAsync($"/api/videos/{Guid.NewGuid()}/multipart", new { }, who.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");

        foreach (var numbers in new object?[] { null, Array.Empty<int>(), new[] { 0 }, new[] { 4 }, new[] { 1, 1 }, Enumerable.Range(1, 101).ToArray() })
        {
            var problem = await (await who.Client.PostJsonAsync($"/api/videos/{id}/multipart/{uploadId}/parts", new { partNumbers = numbers }, who.Token))
                .ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty("partNumbers", out _), problem.ToString());
        }
        var signed = await SignAsync(who, id, uploadId, 3, 1);
        Assert.Equal([1, 3], signed.Keys.Order());
        Assert.All(signed.Values, url => Assert.StartsWith(TestServices.S3, url));
    }

    [Fact]
    public async Task An_aborted_upload_takes_no_more_parts_and_a_deleted_video_aborts_its_open_upload()
    {
        var who = await api.UploaderAsync();
        var bytes = new byte[PartSize + 10];
        var id = (await who.CreateAsync(bytes.Length)).Id();
        var first = (await (await who.Client.PostJsonAsync($"/api/videos/{id}/multipart", new { }, who.Token)).ExpectAsync(HttpStatusCode.Created)).GetProperty("uploadId").GetString()!;
        var urls = await SignAsync(who, id, first, 1, 2);
        await PutPartAsync(urls[1], bytes, 1);

        await (await who.Client.DeleteAsync($"/api/videos/{id}/multipart/{first}", who.Token)).ExpectAsync(HttpStatusCode.NoContent);

        await (await who.Client.GetAsync($"/api/videos/{id}/multipart/{first}", who.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        using (var late = await Storage.PutAsync(urls[2], new ByteArrayContent(new byte[10])))
            Assert.Equal(HttpStatusCode.NotFound, late.StatusCode); // NoSuchUpload
        var second = (await (await who.Client.PostJsonAsync($"/api/videos/{id}/multipart", new { }, who.Token)).ExpectAsync(HttpStatusCode.Created)).GetProperty("uploadId").GetString()!;
        Assert.NotEqual(first, second);
        var url = (await SignAsync(who, id, second, 1))[1];
        await PutPartAsync(url, bytes, 1);

        await (await who.Client.DeleteAsync($"/api/videos/{id}", who.Token)).ExpectAsync(HttpStatusCode.NoContent);

        await AssertAbortedInStorageAsync(url, second);
    }

    /// <summary>Storage itself no longer knows the upload (asked directly, not through the API).</summary>
    private async Task AssertAbortedInStorageAsync(string partUrl, string uploadId)
    {
        // The part's key, from its URL: /{bucket}/{key}?uploadId=…
        var key = Uri.UnescapeDataString(new Uri(partUrl).AbsolutePath).Split('/', 3)[2];
        using var s3 = ObjectStorageClient.AmazonClient(new S3Options { AccessKey = TestServices.S3AccessKey, SecretKey = TestServices.S3SecretKey }, new Uri(TestServices.S3));
        var gone = await Assert.ThrowsAsync<Amazon.S3.AmazonS3Exception>(() => s3.ListPartsAsync(new() { BucketName = api.Bucket, Key = key, UploadId = uploadId }));
        Assert.Equal("NoSuchUpload", gone.ErrorCode);
    }

    /// <summary>An MP4 made longer by a top-level <c>free</c> box, which every reader skips.</summary>
    private static byte[] Padded(byte[] mp4, int length)
    {
        Assert.True(length > mp4.Length + 8);
        var padded = new byte[length];
        mp4.CopyTo(padded, 0);
        BinaryPrimitives.WriteUInt32BigEndian(padded.AsSpan(mp4.Length), (uint)(length - mp4.Length));
        "free"u8.CopyTo(padded.AsSpan(mp4.Length + 4));
        return padded;
    }

    private static async Task<Dictionary<int, string>> SignAsync(VideoSteps.Uploader who, string id, string uploadId, params int[] numbers)
    {
        var signed = await (await who.Client.PostJsonAsync($"/api/videos/{id}/multipart/{uploadId}/parts", new { partNumbers = numbers }, who.Token)).ExpectAsync(HttpStatusCode.OK);
        return signed.GetProperty("parts").EnumerateArray().ToDictionary(p => p.GetProperty("partNumber").GetInt32(), p =>
        {
            Assert.Equal("PUT", p.GetProperty("method").GetString());
            return p.GetProperty("url").GetString()!;
        });
    }

    /// <summary>Part n is bytes [(n−1)·partSize, min(n·partSize, length)), sent as a browser would: no other header.</summary>
    private static async Task PutPartAsync(string url, byte[] bytes, int number)
    {
        var start = (number - 1) * PartSize;
        using var response = await Storage.PutAsync(url, new ByteArrayContent(bytes, start, Math.Min(PartSize, bytes.Length - start)));
        Assert.True(response.IsSuccessStatusCode, $"part {number}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static List<(int, long)> Parts(JsonElement upload) =>
        [.. upload.GetProperty("parts").EnumerateArray().Select(p => (p.GetProperty("partNumber").GetInt32(), p.GetProperty("size").GetInt64()))];
}
