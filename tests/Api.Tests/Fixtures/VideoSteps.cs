using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Api.Tests.Fixtures;

/// <summary>Steps of the video tests: a signed-in uploader, create, the upload straight to storage, waiting for an outcome.</summary>
public static class VideoSteps
{
    private static readonly HttpClient Storage = new();

    public sealed record Uploader(ApiClient Client, string Token, string UserId);

    public static async Task<Uploader> UploaderAsync(this ApiFixture api, string tag = "uploader")
    {
        var client = api.Client();
        var (_, signIn) = await api.RegisteredAndVerifiedAsync(client, tag);
        return new Uploader(client, signIn.Token(), signIn.GetProperty("user").GetProperty("id").GetString()!);
    }

    /// <summary>Creates a video for a file of <paramref name="sizeBytes"/> bytes; the answer's video and upload.</summary>
    public static async Task<JsonElement> CreateAsync(this Uploader who, long sizeBytes, string title = "A clip", string contentType = "video/mp4", string visibility = "public")
    {
        var response = await who.Client.PostJsonAsync("/api/videos", new { title, fileName = "clip.mp4", contentType, sizeBytes, visibility }, who.Token);
        return await response.ExpectAsync(HttpStatusCode.Created);
    }

    public static string Id(this JsonElement created) => created.GetProperty("video").GetProperty("id").GetString()!;

    /// <summary>Sends the file to the pre-signed URL as a browser would: straight to storage.</summary>
    public static async Task PutAsync(JsonElement upload, byte[] bytes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, upload.GetProperty("url").GetString()) { Content = new ByteArrayContent(bytes) };
        foreach (var header in upload.GetProperty("headers").EnumerateObject()) request.Content.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
        using var response = await Storage.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"the upload failed: {(int)response.StatusCode}");
    }

    /// <summary>Create, upload, complete: the video as the complete answer shows it.</summary>
    public static async Task<string> UploadAsync(this Uploader who, string file, string title = "A clip", string visibility = "public")
    {
        var bytes = await File.ReadAllBytesAsync(file);
        var created = await who.CreateAsync(bytes.Length, title, visibility: visibility);
        await PutAsync(created.GetProperty("upload"), bytes);
        var completed = await (await who.Client.PostJsonAsync($"/api/videos/{created.Id()}/complete", null, who.Token)).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("queued", completed.GetProperty("video").GetProperty("status").GetString());
        return created.Id();
    }

    public static async Task<JsonElement> GetAsync(this Uploader who, string id) =>
        await (await who.Client.GetAsync($"/api/videos/{id}", who.Token)).ExpectAsync(HttpStatusCode.OK);

    /// <summary>Polls the video until it is ready or failed; every (status, progress, etaSeconds) seen on the way.</summary>
    public static async Task<(JsonElement Video, List<(string Status, int Progress, int? Eta)> Seen)> OutcomeAsync(this Uploader who, string id, TimeSpan? timeout = null)
    {
        var seen = new List<(string, int, int?)>();
        JsonElement video = default;
        await Eventually.Async(async () =>
        {
            video = await who.GetAsync(id);
            var status = video.GetProperty("status").GetString()!;
            var eta = video.GetProperty("etaSeconds") is { ValueKind: JsonValueKind.Number } e ? e.GetInt32() : (int?)null;
            var step = (status, video.GetProperty("progress").GetInt32(), eta);
            if (seen.Count == 0 || seen[^1] != step) seen.Add(step);
            return status is "ready" or "failed";
        }, timeout ?? TimeSpan.FromSeconds(180), $"video {id} never became ready or failed");
        return (video, seen);
    }

    public static Task<HttpResponseMessage> PatchAsync(this Uploader who, string id, object body) =>
        who.Client.SendAsync(HttpMethod.Patch, $"/api/videos/{id}", JsonContent.Create(body), who.Token, null);
}
