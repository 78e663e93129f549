using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Grains.Interfaces.Videos;
using Platform.Grains.Views;
using Platform.Silo.Database;
using Platform.Silo.Recommendations;
using Platform.Silo.Videos;

namespace Platform.Integration.Tests.Recommendations;

/// <summary>
/// The co-watch pairing on PostgreSQL, fed through the views grain's own write: pairs within 24 h,
/// a viewer adds to a pair about once a day, views written late or by many writers at once are
/// paired exactly once, and old events are forgotten.
/// </summary>
public sealed class CoWatchPairingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddDays(-3);
    private NpgsqlDataSource _database = null!;
    private PostgresVideoCatalog _catalog = null!;
    private readonly PairingOptions _options = new() { BatchSize = 3 };

    public async Task InitializeAsync()
    {
        var connectionString = await TestServices.CreateDatabaseAsync("cowatch");
        await new DatabaseMigrator(connectionString, NullLogger.Instance).MigrateAsync();
        _database = NpgsqlDataSource.Create(connectionString);
        _catalog = new PostgresVideoCatalog(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private CoWatchPairing Pairing() => new(_database, Options.Create(_options), TimeProvider.System, NullLogger<CoWatchPairing>.Instance);

    private async Task<Guid> VideoAsync(string visibility = "public")
    {
        var id = Guid.NewGuid();
        await using var command = _database.CreateCommand("""
            INSERT INTO videos (id, owner_id, visibility, status, created_at, updated_at, version)
            VALUES (@id, @id, @visibility, 'ready', now(), now(), 1)
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("visibility", visibility);
        await command.ExecuteNonQueryAsync();
        return id;
    }

    private Task View(Guid video, string viewer, double hours) =>
        _catalog.AddViewsAsync(video, Guid.NewGuid(), [new CountedView(viewer, T0.AddHours(hours))]);

    private async Task PairAllAsync()
    {
        var pairing = Pairing();
        while ((await pairing.RunOnceAsync(CancellationToken.None)).Any) { }
    }

    private async Task<long> Together(Guid a, Guid b)
    {
        await using var command = _database.CreateCommand("SELECT coalesce((SELECT together FROM co_views WHERE video_id = @a AND other_id = @b), 0)");
        command.Parameters.AddWithValue("a", a);
        command.Parameters.AddWithValue("b", b);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<(long Co, long Ba)> Both(Guid a, Guid b) => (await Together(a, b), await Together(b, a));

    [Fact]
    public async Task Views_within_24_hours_pair_once_a_day_per_viewer()
    {
        var (a, b, c) = (await VideoAsync(), await VideoAsync(), await VideoAsync());
        // Back and forth the same day: one pair.
        await View(a, "v1", 0);
        await View(b, "v1", 1);
        await View(a, "v1", 2);
        await View(b, "v1", 3);
        // More than 24 h apart: none.
        await View(a, "v2", 0);
        await View(c, "v2", 30);
        // Another viewer, another pair.
        await View(b, "v3", 0);
        await View(c, "v3", 23);
        await PairAllAsync();

        Assert.Equal((1L, 1L), await Both(a, b));
        Assert.Equal((1L, 1L), await Both(b, c));
        Assert.Equal((0L, 0L), await Both(a, c));

        // The next day counts again.
        await View(b, "v1", 40);
        await View(a, "v1", 41);
        await PairAllAsync();
        Assert.Equal((2L, 2L), await Both(a, b));
    }

    [Fact]
    public async Task Views_written_late_or_all_at_once_are_paired_exactly_once()
    {
        var (a, b, c) = (await VideoAsync(), await VideoAsync(), await VideoAsync());
        // The later view is written and paired first; the earlier one arrives after.
        await View(b, "late", 2);
        await PairAllAsync();
        await View(a, "late", 1);
        // Many writers at once, none paired yet: one batch or several, the same counts.
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => View(i % 2 == 0 ? a : c, $"crowd{i / 2}", 0.1 * i)));
        await PairAllAsync();

        Assert.Equal((1L, 1L), await Both(a, b));
        Assert.Equal((6L, 6L), await Both(a, c));
        Assert.Equal((0L, 0L), await Both(b, c));
        await using var unpaired = _database.CreateCommand("SELECT count(*) FROM view_events WHERE NOT paired");
        Assert.Equal(0L, (long)(await unpaired.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Two_silos_pairing_at_once_count_each_pair_once()
    {
        var videos = new List<Guid>();
        for (var i = 0; i < 4; i++) videos.Add(await VideoAsync());
        for (var viewer = 0; viewer < 20; viewer++)
            foreach (var video in videos) await View(video, $"viewer{viewer}", viewer * 0.01);
        var (first, second) = (Pairing(), Pairing());
        async Task Drain(CoWatchPairing pairing)
        {
            await using var command = _database.CreateCommand("SELECT count(*) FROM view_events WHERE NOT paired");
            while ((long)(await command.ExecuteScalarAsync())! > 0) await pairing.RunOnceAsync(CancellationToken.None);
        }
        await Task.WhenAll(Drain(first), Drain(second));

        foreach (var x in videos)
            foreach (var y in videos.Where(y => y != x))
                Assert.Equal(20L, await Together(x, y));
    }

    [Fact]
    public async Task Related_lists_rank_neighbours_by_co_views_over_both_popularities_and_hold_only_public_ones()
    {
        var (a, b, c, hidden) = (await VideoAsync(), await VideoAsync(), await VideoAsync(), await VideoAsync("private"));
        await View(a, "x1", 0); await View(b, "x1", 1);
        await View(a, "x2", 0); await View(b, "x2", 1);
        await View(a, "x3", 0); await View(c, "x3", 1);
        await View(a, "x4", 0); await View(hidden, "x4", 1);
        for (var i = 0; i < 4; i++) await View(b, $"alone{i}", 0);
        await PairAllAsync();

        // views a 4, b 6, c 1: c 1/(4·1) = 0.25 before b 2/(4·6) ≈ 0.083; the private one left out.
        await using var command = _database.CreateCommand("SELECT other_id, score FROM related_videos WHERE video_id = @a ORDER BY score DESC");
        command.Parameters.AddWithValue("a", a);
        var ranked = new List<(Guid, double)>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) ranked.Add((reader.GetGuid(0), reader.GetDouble(1)));
        Assert.Equal([c, b], ranked.Select(r => r.Item1));
        Assert.Equal(0.25, ranked[0].Item2, 6);
        Assert.Equal(2.0 / 24, ranked[1].Item2, 6);
        await using var dirty = _database.CreateCommand("SELECT count(*) FROM related_dirty");
        Assert.Equal(0L, (long)(await dirty.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_viewer_of_very_many_videos_pairs_each_view_with_the_nearest_few_only()
    {
        _options.PartnersPerView = 3;
        var videos = new List<Guid>();
        for (var i = 0; i < 6; i++) videos.Add(await VideoAsync());
        for (var i = 0; i < videos.Count; i++) await View(videos[i], "busy", i);
        await PairAllAsync();

        // Each view pairs with at most 3 views paired before it: 0 + 1 + 2 + 3 + 3 + 3 = 12 pairs, not 15.
        await using var command = _database.CreateCommand("SELECT coalesce(sum(together), 0)::bigint FROM co_views WHERE video_id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", videos.ToArray());
        Assert.Equal(24L, (long)(await command.ExecuteScalarAsync())!);
        // The first video is too far from the last ones to pair with them.
        Assert.Equal((0L, 0L), await Both(videos[0], videos[5]));
        Assert.Equal((1L, 1L), await Both(videos[4], videos[5]));
    }

    [Fact]
    public async Task A_batch_written_again_after_a_lost_answer_counts_once()
    {
        var video = await VideoAsync();
        var batch = Guid.NewGuid();
        CountedView[] views = [new("x", T0), new("y", T0.AddMinutes(1))];

        Assert.Equal(2L, await _catalog.AddViewsAsync(video, batch, views));
        Assert.Equal(2L, await _catalog.AddViewsAsync(video, batch, views));
        Assert.Equal(3L, await _catalog.AddViewsAsync(video, Guid.NewGuid(), [new("z", T0)]));
        Assert.Null(await _catalog.AddViewsAsync(Guid.NewGuid(), Guid.NewGuid(), views));

        await using var command = _database.CreateCommand("SELECT (SELECT count(*) FROM view_events WHERE video_id = @v), (SELECT views FROM daily_views WHERE video_id = @v)");
        command.Parameters.AddWithValue("v", video);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((3L, 3L), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    private async Task<List<Guid>> RelatedOf(Guid video)
    {
        await using var command = _database.CreateCommand("SELECT other_id FROM related_videos WHERE video_id = @v ORDER BY score DESC");
        command.Parameters.AddWithValue("v", video);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    [Fact]
    public async Task A_video_made_public_joins_its_neighbours_lists_and_a_removed_one_leaves_the_pairs()
    {
        var (a, b) = (await VideoAsync(), await VideoAsync("private"));
        await View(a, "x", 0);
        await View(b, "x", 1);
        await PairAllAsync();
        Assert.Empty(await RelatedOf(a));

        // The grain writes b as public: a's list is ranked again.
        var at = DateTimeOffset.UtcNow;
        await _catalog.SaveAsync(new VideoView(b, b, "b", null, VideoVisibility.Public, VideoStatus.Ready, 100, null, 1, 1, 2, 2, [], null, 1, "k", at, at), 2);
        await PairAllAsync();
        Assert.Equal([b], await RelatedOf(a));

        // Removed: its pairs go both ways, and a's list is ranked again without it.
        await _catalog.RemoveAsync(b, 3);
        Assert.Equal((0L, 0L), await Both(a, b));
        await PairAllAsync();
        Assert.Empty(await RelatedOf(a));
        Assert.Empty(await RelatedOf(b));
    }

    [Fact]
    public async Task Day_totals_older_than_8_days_and_batch_ids_older_than_a_day_are_forgotten()
    {
        var video = await VideoAsync();
        await using (var command = _database.CreateCommand("""
            INSERT INTO daily_views (day, video_id, views) VALUES (current_date - 9, @v, 5), (current_date - 7, @v, 3);
            INSERT INTO view_batches (id, video_id, written_at) VALUES (gen_random_uuid(), @v, now() - interval '25 hours'), (gen_random_uuid(), @v, now());
            """))
        {
            command.Parameters.AddWithValue("v", video);
            await command.ExecuteNonQueryAsync();
        }
        await Pairing().RunOnceAsync(CancellationToken.None);

        await using var left = _database.CreateCommand("SELECT (SELECT sum(views) FROM daily_views WHERE video_id = @v)::bigint, (SELECT count(*) FROM view_batches WHERE video_id = @v)");
        left.Parameters.AddWithValue("v", video);
        await using var reader = await left.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((3L, 1L), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    [Fact]
    public async Task Events_older_than_the_keeping_time_are_forgotten_once_paired()
    {
        var (a, b) = (await VideoAsync(), await VideoAsync());
        await _catalog.AddViewsAsync(a, Guid.NewGuid(), [new CountedView("old", DateTimeOffset.UtcNow.AddDays(-40))]);
        await _catalog.AddViewsAsync(b, Guid.NewGuid(), [new CountedView("old", DateTimeOffset.UtcNow.AddDays(-40).AddHours(1)), new CountedView("new", DateTimeOffset.UtcNow)]);
        await PairAllAsync();
        await PairAllAsync();

        Assert.Equal((1L, 1L), await Both(a, b));
        await using var command = _database.CreateCommand("SELECT array_agg(viewer ORDER BY viewer) FROM view_events");
        Assert.Equal(["new"], (string[])(await command.ExecuteScalarAsync())!);
    }
}
