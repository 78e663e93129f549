using System.Net;
using System.Net.Http.Json;
using Platform.Api.Tests.Fixtures;

namespace Platform.Api.Tests.Videos;

/// <summary>The video routes' contract (API.md, Videos and Object storage URLs): bodies, owners, uploads, the owner's list.</summary>
[Collection(ApiCollection.Name)]
public sealed class VideoRoutesTests(ApiFixture api)
{
    private static readonly HttpClient Browser = new();

    [Fact]
    public async Task Create_answers_the_video_awaiting_its_upload_and_a_presigned_put()
    {
        var who = await api.UploaderAsync();
        var response = await who.Client.PostJsonAsync("/api/videos", new { title = "  Holiday  ", fileName = "holiday.mp4", contentType = "video/mp4", sizeBytes = 1234 }, who.Token);
        var created = await response.ExpectAsync(HttpStatusCode.Created);

        var video = created.GetProperty("video");
        Assert.Equal($"/api/videos/{video.GetProperty("id").GetString()}", response.Headers.Location?.ToString());
        Assert.Equal(("Holiday", "public", "awaiting_upload", who.UserId), (video.GetProperty("title").GetString(), video.GetProperty("visibility").GetString(),
            video.GetProperty("status").GetString(), video.GetProperty("ownerId").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, video.GetProperty("playbackUrl").ValueKind);
        var upload = created.GetProperty("upload");
        Assert.Equal("PUT", upload.GetProperty("method").GetString());
        Assert.StartsWith(TestServices.S3, upload.GetProperty("url").GetString());
        var expires = upload.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow;
        Assert.InRange(expires, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(16));
    }

    [Theory]
    [InlineData("""{"fileName":"a.mp4","contentType":"video/mp4","sizeBytes":10}""", "title")]
    [InlineData("""{"title":"","fileName":"a.mp4","contentType":"video/mp4","sizeBytes":10}""", "title")]
    [InlineData("""{"title":"t","fileName":"a.mp4","contentType":"video/mp4","sizeBytes":10,"visibility":"secret"}""", "visibility")]
    [InlineData("""{"title":"t","contentType":"video/mp4","sizeBytes":10}""", "fileName")]
    [InlineData("""{"title":"t","fileName":"a.mp4","contentType":"nonsense","sizeBytes":10}""", "contentType")]
    [InlineData("""{"title":"t","fileName":"a.mp4","contentType":"video/mp4"}""", "sizeBytes")]
    [InlineData("""{"title":"t","fileName":"a.mp4","contentType":"video/mp4","sizeBytes":-5}""", "sizeBytes")]
    public async Task Create_refuses_a_bad_body_with_the_field_named(string body, string field)
    {
        var who = await api.UploaderAsync();
        var problem = await (await who.Client.SendAsync(HttpMethod.Post, "/api/videos", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), who.Token, null))
            .ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Create_refuses_malformed_json_a_non_video_type_and_an_oversized_file()
    {
        var who = await api.UploaderAsync();
        await (await who.Client.SendAsync(HttpMethod.Post, "/api/videos", new StringContent("{\"title\":", System.Text.Encoding.UTF8, "application/json"), who.Token, null))
            .ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await who.Client.PostJsonAsync("/api/videos", new { title = "t", fileName = "a.png", contentType = "image/png", sizeBytes = 10 }, who.Token))
            .ExpectAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await (await who.Client.PostJsonAsync("/api/videos", new { title = "t", fileName = "a.mp4", contentType = "video/mp4", sizeBytes = 3L * 1024 * 1024 * 1024 }, who.Token))
            .ExpectAsync(HttpStatusCode.RequestEntityTooLarge, "upload_too_large");
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_strangers_404_on_every_owner_route()
    {
        var owner = await api.UploaderAsync();
        var stranger = await api.UploaderAsync("stranger");
        var id = (await owner.CreateAsync(100)).Id();
        using var anonymous = api.Client();

        await (await anonymous.PostJsonAsync("/api/videos", new { title = "t", fileName = "a.mp4", contentType = "video/mp4", sizeBytes = 10 })).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await anonymous.GetAsync("/api/me/videos")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await anonymous.GetAsync($"/api/videos/{id}")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await anonymous.PostJsonAsync($"/api/videos/{id}/upload-url", null)).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await anonymous.PostJsonAsync($"/api/videos/{id}/complete", null)).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await anonymous.SendAsync(HttpMethod.Patch, $"/api/videos/{id}", JsonContent.Create(new { title = "x" }), null, null)).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await anonymous.DeleteAsync($"/api/videos/{id}")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");

        await (await stranger.Client.GetAsync($"/api/videos/{id}", stranger.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.Client.PostJsonAsync($"/api/videos/{id}/upload-url", null, stranger.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.Client.PostJsonAsync($"/api/videos/{id}/complete", null, stranger.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.PatchAsync(id, new { title = "mine now" })).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.Client.DeleteAsync($"/api/videos/{id}", stranger.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.Client.GetAsync($"/api/videos/{Guid.NewGuid()}", stranger.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.Client.GetAsync("/api/videos/not-an-id", stranger.Token)).ExpectAsync(HttpStatusCode.NotFound);

        // Still the owner's, unchanged.
        Assert.Equal("A clip", (await owner.GetAsync(id)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Complete_needs_the_upload_and_refuses_one_larger_than_declared_removing_it()
    {
        var who = await api.UploaderAsync();
        var created = await who.CreateAsync(1000);
        var id = created.Id();
        await (await who.Client.PostJsonAsync($"/api/videos/{id}/complete", null, who.Token)).ExpectAsync(HttpStatusCode.Conflict, "upload_missing");

        await VideoSteps.PutAsync(created.GetProperty("upload"), new byte[5000]);
        var problem = await (await who.Client.PostJsonAsync($"/api/videos/{id}/complete", null, who.Token)).ExpectAsync(HttpStatusCode.RequestEntityTooLarge, "upload_too_large");
        Assert.Contains("5000", problem.GetProperty("detail").GetString());

        Assert.Empty(await BucketContents.KeysAsync(BucketContents.Bucket, $"videos/{Guid.Parse(id):N}/"));
        Assert.Equal("awaiting_upload", (await who.GetAsync(id)).GetProperty("status").GetString());
        // A fresh URL to try again.
        var fresh = await (await who.Client.PostJsonAsync($"/api/videos/{id}/upload-url", null, who.Token)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("PUT", fresh.GetProperty("method").GetString());
    }

    [Fact]
    public async Task Patch_changes_the_metadata_and_refuses_bad_fields()
    {
        var who = await api.UploaderAsync();
        var id = (await who.CreateAsync(100)).Id();

        var patched = await (await who.PatchAsync(id, new { title = "New title", description = "About it", visibility = "private" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("New title", "About it", "private"), (patched.GetProperty("title").GetString(), patched.GetProperty("description").GetString(), patched.GetProperty("visibility").GetString()));

        await (await who.PatchAsync(id, new { title = new string('x', 201) })).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await who.PatchAsync(id, new { visibility = "everyone" })).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await who.PatchAsync(id, new { title = "" })).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        var cleared = await (await who.PatchAsync(id, new { description = "" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("description").ValueKind);
        Assert.Equal("New title", cleared.GetProperty("title").GetString());
    }

    [Fact]
    public async Task My_videos_pages_through_the_owners_videos_newest_first_and_only_theirs()
    {
        var who = await api.UploaderAsync();
        var other = await api.UploaderAsync("other");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((await who.CreateAsync(100, $"Video {i}")).Id());
        await other.CreateAsync(100, "Not yours");

        var first = await (await who.Client.GetAsync("/api/me/videos?limit=2", who.Token)).ExpectAsync(HttpStatusCode.OK);
        var cursor = first.GetProperty("nextCursor").GetString();
        Assert.NotNull(cursor);
        var second = await (await who.Client.GetAsync($"/api/me/videos?limit=2&cursor={cursor}", who.Token)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);

        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(v => v.GetProperty("id").GetString()).ToList();
        Assert.Equal(Enumerable.Reverse(ids), listed);

        await (await who.Client.GetAsync("/api/me/videos?limit=0", who.Token)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await who.Client.GetAsync("/api/me/videos?limit=101", who.Token)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await who.Client.GetAsync("/api/me/videos?cursor=garbage", who.Token)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task A_deleted_video_is_gone_from_the_api_the_list_and_storage()
    {
        var who = await api.UploaderAsync();
        var created = await who.CreateAsync(3);
        var id = created.Id();
        await VideoSteps.PutAsync(created.GetProperty("upload"), [1, 2, 3]);

        await (await who.Client.DeleteAsync($"/api/videos/{id}", who.Token)).ExpectAsync(HttpStatusCode.NoContent);

        await (await who.Client.GetAsync($"/api/videos/{id}", who.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Empty(await BucketContents.KeysAsync(BucketContents.Bucket, $"videos/{Guid.Parse(id):N}/"));
        var mine = await (await who.Client.GetAsync("/api/me/videos", who.Token)).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(mine.GetProperty("items").EnumerateArray(), v => v.GetProperty("id").GetString() == id);
        await (await who.Client.DeleteAsync($"/api/videos/{id}", who.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Browsers_on_the_platforms_origins_may_put_to_the_bucket()
    {
        var who = await api.UploaderAsync();
        var url = (await who.CreateAsync(10)).GetProperty("upload").GetProperty("url").GetString()!;

        await Eventually.Async(async () =>
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, url);
            preflight.Headers.Add("Origin", ApiFixture.AllowedOrigin);
            preflight.Headers.Add("Access-Control-Request-Method", "PUT");
            preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
            using var response = await Browser.SendAsync(preflight);
            // The local S3 server answers "*" once the origin matched the rule; S3 and MinIO name the origin.
            return response.IsSuccessStatusCode && response.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins)
                && origins.Any(o => o is "*" || o == ApiFixture.AllowedOrigin);
        }, TimeSpan.FromSeconds(30), "the bucket never allowed the web origin to PUT");

        using var foreign = new HttpRequestMessage(HttpMethod.Options, url);
        foreign.Headers.Add("Origin", "https://evil.example");
        foreign.Headers.Add("Access-Control-Request-Method", "PUT");
        using var refused = await Browser.SendAsync(foreign);
        Assert.False(refused.IsSuccessStatusCode, "a foreign origin passed the preflight");
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_s3_routes_sign_only_keys_under_the_callers_own_folder()
    {
        var who = await api.UploaderAsync();
        var key = $"uploads/{who.UserId}/notes/hello.txt";
        using var anonymous = api.Client();

        await (await anonymous.GetAsync($"/s3/upload-url?key={key}")).ExpectAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await who.Client.GetAsync("/s3/upload-url", who.Token)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await who.Client.GetAsync($"/s3/upload-url?key=uploads/{Guid.NewGuid()}/x.txt", who.Token)).ExpectAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await who.Client.GetAsync($"/s3/upload-url?key=uploads/{who.UserId}/../{Guid.NewGuid()}/x.txt", who.Token)).ExpectAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await who.Client.GetAsync($"/s3/download-url?key=videos/x/source", who.Token)).ExpectAsync(HttpStatusCode.Forbidden, "forbidden");

        var put = (await (await who.Client.GetAsync($"/s3/upload-url?key={Uri.EscapeDataString(key)}", who.Token)).ExpectAsync(HttpStatusCode.OK)).GetProperty("url").GetString();
        using (var sent = await Browser.PutAsync(put, new StringContent("hello"))) Assert.True(sent.IsSuccessStatusCode);
        var get = (await (await who.Client.GetAsync($"/s3/download-url?key={Uri.EscapeDataString(key)}", who.Token)).ExpectAsync(HttpStatusCode.OK)).GetProperty("url").GetString();
        Assert.Equal("hello", await Browser.GetStringAsync(get));
    }
}
