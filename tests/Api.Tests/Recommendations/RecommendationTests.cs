using System.Net;
using System.Text.Json;
using Platform.Api.Tests.Fixtures;

namespace Platform.Api.Tests.Recommendations;

/// <summary>
/// Related videos and recommendations on a constructed dataset of real ready videos and real views
/// (the views grain, the co-watch pairing, the tables): the expected order, what is left out, and a
/// video made private or deleted gone from them.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RecommendationTests(ApiFixture api) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("recommendations-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<string> Ids(JsonElement list) => [.. list.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString()!)];

    private static async Task<List<string>> ListAsync(ApiClient client, string path, string? token = null) =>
        Ids(await (await client.GetAsync(path, token)).ExpectAsync(HttpStatusCode.OK));

    [Fact]
    public async Task Related_and_recommended_follow_co_watching_then_fill_up_and_drop_what_may_not_be_shown()
    {
        var uploader = await api.UploaderAsync("uploader");
        var file = await TestMedia.GenerateAsync(Path.Combine(_dir, "clip.mp4"), 160, 120, 1, audio: false);
        // A..E by one uploader, created in that order (E newest); P private.
        var ids = new List<string>();
        foreach (var title in new[] { "A", "B", "C", "D", "E" }) ids.Add(await uploader.UploadAsync(file, $"Constructed {title}"));
        var hidden = await uploader.UploadAsync(file, "Constructed P", visibility: "private");
        foreach (var id in ids.Append(hidden)) Assert.Equal("ready", (await uploader.OutcomeAsync(id)).Video.GetProperty("status").GetString());
        var (a, b, c, d, e) = (ids[0], ids[1], ids[2], ids[3], ids[4]);

        // Anonymous viewers: 1 and 2 watch A and B, 3 watches A and C, 4 watches C and D (twice: counted once).
        using var anonymous = api.Client();
        async Task Watch(string viewer, params string[] videos)
        {
            foreach (var video in videos)
                await (await anonymous.PostJsonAsync($"/api/videos/{video}/views", new { clientId = $"{viewer}-{a}" })).ExpectAsync(HttpStatusCode.NoContent);
        }
        await Watch("one", a, b);
        await Watch("two", a, b);
        await Watch("three", a, c);
        await Watch("four", c, d, d);
        // The private video's own viewer (its owner) pairs it with A: it must still never be shown.
        foreach (var video in new[] { a, hidden })
            await (await uploader.Client.PostJsonAsync($"/api/videos/{video}/views", null, uploader.Token)).ExpectAsync(HttpStatusCode.NoContent);

        // views A 4, B 2, C 2, D 1; together (A,B) 2, (A,C) 1, (C,D) 1, (A,P) 1.
        // related(A): B 2/(4·2) = 0.25 before C 1/(4·2); then the uploader's newest: E, D.
        List<string> related = [];
        await Eventually.Async(async () =>
        {
            related = await ListAsync(anonymous, $"/api/videos/{a}/related");
            return related.Take(4).SequenceEqual([b, c, e, d]);
        }, TimeSpan.FromSeconds(60), "related never became B, C, E, D");
        Assert.DoesNotContain(a, related);
        Assert.DoesNotContain(hidden, related);
        Assert.Equal([b, c], await ListAsync(anonymous, $"/api/videos/{a}/related?limit=2"));
        // Each video's views are written on its own schedule: D's pair with C may come a moment later.
        await Eventually.Async(async () => (await ListAsync(anonymous, $"/api/videos/{d}/related"))[0] == c,
            TimeSpan.FromSeconds(30), "related(D) never started with C");

        // A signed-in viewer who watched A: B then C (co-watched, best first), never A, then trending (D).
        var viewer = await api.UploaderAsync("viewer");
        await (await viewer.Client.PostJsonAsync($"/api/videos/{a}/views", null, viewer.Token)).ExpectAsync(HttpStatusCode.NoContent);
        List<string> mine = [];
        await Eventually.Async(async () =>
        {
            mine = await ListAsync(viewer.Client, "/api/recommendations", viewer.Token);
            return mine.Take(2).SequenceEqual([b, c]) && mine.Contains(d);
        }, TimeSpan.FromSeconds(60), "the viewer's recommendations never became B, C, then trending");
        Assert.DoesNotContain(a, mine);
        Assert.DoesNotContain(hidden, mine);
        // The uploader's own videos are never recommended to them.
        Assert.Empty((await ListAsync(uploader.Client, "/api/recommendations?limit=50", uploader.Token)).Intersect(ids));

        // Anonymous: trending, most viewed first (A 5, then B and C with 2, then D with 1).
        var trending = await ListAsync(anonymous, "/api/recommendations?limit=50");
        Assert.True(trending.IndexOf(a) < trending.IndexOf(b) && trending.IndexOf(b) < trending.IndexOf(d) && trending.IndexOf(c) < trending.IndexOf(d),
            $"trending order: {string.Join(", ", trending)}");
        Assert.DoesNotContain(hidden, trending);
        Assert.DoesNotContain(e, trending); // no views

        // Made private, deleted: gone from all of them at once.
        await (await uploader.PatchAsync(b, new { visibility = "private" })).ExpectAsync(HttpStatusCode.OK);
        await (await uploader.Client.DeleteAsync($"/api/videos/{c}", uploader.Token)).ExpectAsync(HttpStatusCode.NoContent);
        related = await ListAsync(anonymous, $"/api/videos/{a}/related");
        Assert.Equal([e, d], related.Take(2));
        mine = await ListAsync(viewer.Client, "/api/recommendations", viewer.Token);
        trending = await ListAsync(anonymous, "/api/recommendations?limit=50");
        foreach (var list in new[] { related, mine, trending })
        {
            Assert.DoesNotContain(b, list);
            Assert.DoesNotContain(c, list);
        }
    }

    [Fact]
    public async Task Related_is_for_whoever_may_see_the_video_and_limits_are_checked()
    {
        var owner = await api.UploaderAsync("owner");
        var id = (await owner.CreateAsync(100, visibility: "private")).Id();
        using var stranger = api.Client();

        await (await stranger.GetAsync($"/api/videos/{id}/related")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.GetAsync($"/api/videos/{Guid.NewGuid()}/related")).ExpectAsync(HttpStatusCode.NotFound, "not_found");
        await (await owner.Client.GetAsync($"/api/videos/{id}/related", owner.Token)).ExpectAsync(HttpStatusCode.OK);
        foreach (var limit in new[] { "0", "51", "-1", "x" })
        {
            await (await owner.Client.GetAsync($"/api/videos/{id}/related?limit={limit}", owner.Token)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
            await (await stranger.GetAsync($"/api/recommendations?limit={limit}")).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        }
    }
}
