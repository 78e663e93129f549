using System.Net;
using Platform.Api.Tests.Fixtures;

namespace Platform.Api.Tests.Videos;

/// <summary>POST /api/videos/{id}/views on a real ready video: deduplicated per viewer, shown on the video.</summary>
[Collection(ApiCollection.Name)]
public sealed class ViewTests(ApiFixture api) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("views-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Each_viewer_counts_once_and_the_count_shows_on_the_video()
    {
        var who = await api.UploaderAsync();
        var file = await TestMedia.GenerateAsync(Path.Combine(_dir, "watched.mp4"), 640, 360, 2, audio: false);
        var id = await who.UploadAsync(file, "Watched");
        await who.OutcomeAsync(id);
        using var anonymous = api.Client();
        var viewer = await api.UploaderAsync("viewer");

        await (await viewer.Client.PostJsonAsync($"/api/videos/{id}/views", null, viewer.Token)).ExpectAsync(HttpStatusCode.NoContent);
        await (await viewer.Client.PostJsonAsync($"/api/videos/{id}/views", null, viewer.Token)).ExpectAsync(HttpStatusCode.NoContent);
        var client = new { clientId = $"anon-{Guid.NewGuid():N}" };
        await (await anonymous.PostJsonAsync($"/api/videos/{id}/views", client)).ExpectAsync(HttpStatusCode.NoContent);
        await (await anonymous.PostJsonAsync($"/api/videos/{id}/views", client)).ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(2, (await (await anonymous.GetAsync($"/api/videos/{id}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("views").GetInt64());
        // The listings show it once the counts are written (every few seconds).
        await Eventually.Async(async () =>
        {
            var mine = await (await who.Client.GetAsync("/api/me/videos", who.Token)).ExpectAsync(HttpStatusCode.OK);
            return mine.GetProperty("items").EnumerateArray().Any(v => v.GetProperty("id").GetString() == id && v.GetProperty("views").GetInt64() == 2);
        }, TimeSpan.FromSeconds(30), "the view count never reached the listings");
    }

    [Fact]
    public async Task Views_need_a_viewer_and_a_video_the_caller_may_see()
    {
        var who = await api.UploaderAsync();
        var id = (await who.CreateAsync(100)).Id();
        using var anonymous = api.Client();

        await (await anonymous.PostJsonAsync($"/api/videos/{id}/views", null)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await anonymous.PostJsonAsync($"/api/videos/{id}/views", new { clientId = "short" })).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await anonymous.PostJsonAsync($"/api/videos/{id}/views", new { clientId = $"anon-{Guid.NewGuid():N}" })).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await anonymous.PostJsonAsync($"/api/videos/{Guid.NewGuid()}/views", new { clientId = $"anon-{Guid.NewGuid():N}" })).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        // Not ready: nothing to watch, nothing to count, not even for its owner.
        await (await who.Client.PostJsonAsync($"/api/videos/{id}/views", null, who.Token)).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        // Hostile bodies: 400, never a 5xx.
        foreach (var body in new[] { "{\"clientId\":5}", "[]", "\"x\"", "{" })
            await (await anonymous.PostRawAsync($"/api/videos/{id}/views", body)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
    }
}
