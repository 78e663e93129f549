extern alias silo;

using System.Net;
using System.Text.Json;
using Npgsql;
using Platform.Api.Tests.Fixtures;
using Platform.Grains.Interfaces.Videos;
using silo::Platform.Silo.Videos;

namespace Platform.Api.Tests.Feeds;

/// <summary>
/// The public feed, search and a person's videos, on the real read model. Rows are written with
/// the silo's own read-model writer (what the video grains call), dated in the future so that they
/// head the feed whatever else the shared database holds.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FeedTests(ApiFixture api) : IAsyncLifetime
{
    private NpgsqlDataSource _database = null!;
    private PostgresVideoCatalog _catalog = null!;
    private static long _clock = DateTimeOffset.Parse("2100-01-01T00:00:00Z").ToUnixTimeSeconds();

    public Task InitializeAsync()
    {
        _database = NpgsqlDataSource.Create(api.Database);
        _catalog = new PostgresVideoCatalog(_database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>A video as its grain would write it, each one newer than the one before.</summary>
    private async Task<Guid> SaveAsync(string title, Guid? owner = null, VideoVisibility visibility = VideoVisibility.Public,
        VideoStatus status = VideoStatus.Ready, string? description = null)
    {
        var id = Guid.NewGuid();
        var at = DateTimeOffset.FromUnixTimeSeconds(Interlocked.Increment(ref _clock));
        var ready = status == VideoStatus.Ready;
        var video = new VideoView(id, owner ?? Guid.NewGuid(), title, description, visibility, status, ready ? 100 : 0, null, 1000,
            ready ? 3 : null, ready ? 640 : null, ready ? 360 : null, ready ? [new Rendition("360p", 640, 360, 928_000)] : [], null, 1,
            $"videos/{id:N}/source-0", at, at, ready ? $"videos/{id:N}/hls-0123456789abcdef/" : null);
        await _catalog.SaveAsync(video, 1);
        return id;
    }

    private static async Task<JsonElement> PageAsync(ApiClient client, string path) =>
        await (await client.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString()!)];

    [Fact]
    public async Task Paging_the_feed_returns_every_public_ready_video_once_while_new_ones_arrive()
    {
        var ours = new List<Guid>();
        for (var i = 0; i < 17; i++) ours.Add(await SaveAsync($"Feed video {i}"));
        using var client = api.Client();

        var seen = new List<string>();
        var first = await PageAsync(client, "/api/videos?limit=5");
        seen.AddRange(Ids(first));
        // Newer videos arrive while someone pages: they head the feed, the pages go on unchanged.
        for (var i = 0; i < 4; i++) await SaveAsync($"Arrived later {i}");
        var cursor = first.GetProperty("nextCursor").GetString();
        while (cursor is not null && !ours.All(id => seen.Contains(id.ToString())))
        {
            var page = await PageAsync(client, $"/api/videos?limit=5&cursor={cursor}");
            seen.AddRange(Ids(page));
            cursor = page.GetProperty("nextCursor").GetString();
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(Enumerable.Reverse(ours).Select(id => id.ToString()), seen.Where(id => ours.Contains(Guid.Parse(id))));
        var item = (await PageAsync(client, "/api/videos?limit=1")).GetProperty("items")[0];
        Assert.StartsWith(api.BaseUrl.ToString(), item.GetProperty("playbackUrl").GetString());
    }

    [Fact]
    public async Task Private_unlisted_unready_and_deleted_videos_never_appear()
    {
        var word = $"zebra{Guid.NewGuid():N}"[..16];
        var owner = Guid.NewGuid();
        var shown = await SaveAsync($"{word} public", owner);
        var hidden = new[]
        {
            await SaveAsync($"{word} private", owner, VideoVisibility.Private),
            await SaveAsync($"{word} unlisted", owner, VideoVisibility.Unlisted),
            await SaveAsync($"{word} processing", owner, status: VideoStatus.Processing),
            await SaveAsync($"{word} failed", owner, status: VideoStatus.Failed),
        };
        var deleted = await SaveAsync($"{word} deleted", owner);
        await _catalog.RemoveAsync(deleted, 2);
        using var client = api.Client();

        foreach (var path in new[] { "/api/videos?limit=100", $"/api/videos?q={word}", $"/api/users/{owner}/videos" })
        {
            var ids = Ids(await PageAsync(client, path));
            Assert.Contains(shown.ToString(), ids);
            Assert.DoesNotContain(deleted.ToString(), ids);
            foreach (var id in hidden) Assert.DoesNotContain(id.ToString(), ids);
        }
    }

    [Fact]
    public async Task Search_finds_a_word_of_the_title_and_ranks_titles_above_descriptions()
    {
        var word = $"quokka{Guid.NewGuid():N}"[..16];
        var inDescription = await SaveAsync("Holiday", description: $"We met a {word} on the island");
        var inTitle = await SaveAsync($"The {word} of Rottnest");
        await SaveAsync("Something else entirely");
        using var client = api.Client();

        var found = Ids(await PageAsync(client, $"/api/videos?q={word}"));
        Assert.Equal([inTitle.ToString(), inDescription.ToString()], found);

        // One a page: the cursor carries the rank.
        var first = await PageAsync(client, $"/api/videos?q={word}&limit=1");
        var second = await PageAsync(client, $"/api/videos?q={word}&limit=1&cursor={first.GetProperty("nextCursor").GetString()}");
        Assert.Equal([inTitle.ToString(), inDescription.ToString()], Ids(first).Concat(Ids(second)));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Empty(Ids(await PageAsync(client, $"/api/videos?q=nothing{Guid.NewGuid():N}")));
    }

    [Fact]
    public async Task A_persons_page_lists_only_their_public_ready_videos_newest_first()
    {
        var owner = Guid.NewGuid();
        var older = await SaveAsync("First", owner);
        var newer = await SaveAsync("Second", owner);
        await SaveAsync("Someone else's");
        using var client = api.Client();

        Assert.Equal([newer.ToString(), older.ToString()], Ids(await PageAsync(client, $"/api/users/{owner}/videos")));
        Assert.Empty(Ids(await PageAsync(client, $"/api/users/{Guid.NewGuid()}/videos")));
    }

    [Theory]
    [InlineData("/api/videos?limit=0", "limit")]
    [InlineData("/api/videos?limit=101", "limit")]
    [InlineData("/api/videos?cursor=nonsense", "cursor")]
    [InlineData("/api/videos?q=cat&cursor=AAAA", "cursor")]
    [InlineData("/api/users/00000000-0000-0000-0000-000000000001/videos?cursor=%00", "cursor")]
    public async Task Bad_paging_and_queries_are_400(string path, string field)
    {
        using var client = api.Client();
        var problem = await (await client.GetAsync(path)).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task An_overlong_or_odd_query_is_refused_or_answered_never_a_5xx()
    {
        using var client = api.Client();
        await (await client.GetAsync($"/api/videos?q={new string('a', 201)}")).ExpectAsync(HttpStatusCode.BadRequest, "validation_failed");
        foreach (var q in new[] { "\"unclosed", "-", "a & b | !c", "((()))", "🙂", "' OR 1=1 --" })
            await (await client.GetAsync($"/api/videos?q={Uri.EscapeDataString(q)}")).ExpectAsync(HttpStatusCode.OK);
    }
}
