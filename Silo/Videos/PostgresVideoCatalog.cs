using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Grains.Interfaces.Videos;
using Platform.Grains.Videos;
using Platform.Grains.Views;

namespace Platform.Silo.Videos;

/// <summary>The read model in the <c>videos</c> table (migration 0003): a versioned upsert, so repeats and late writes change nothing.</summary>
public sealed class PostgresVideoCatalog(NpgsqlDataSource database) : IVideoCatalog
{
    private const string Upsert = """
        INSERT INTO videos (id, owner_id, title, description, visibility, status, progress, eta_seconds, size_bytes,
                            duration_seconds, width, height, renditions, error_code, error_message, output_prefix, playback_epoch,
                            created_at, updated_at, version, deleted)
        VALUES (@id, @owner, @title, @description, @visibility, @status, @progress, @eta, @size,
                @duration, @width, @height, @renditions, @errorCode, @errorMessage, @prefix, @epoch,
                @created, @updated, @version, false)
        ON CONFLICT (id) DO UPDATE SET
            owner_id = excluded.owner_id, title = excluded.title, description = excluded.description,
            visibility = excluded.visibility, status = excluded.status, progress = excluded.progress,
            eta_seconds = excluded.eta_seconds, size_bytes = excluded.size_bytes,
            duration_seconds = excluded.duration_seconds, width = excluded.width, height = excluded.height,
            renditions = excluded.renditions, error_code = excluded.error_code, error_message = excluded.error_message,
            output_prefix = excluded.output_prefix, playback_epoch = excluded.playback_epoch, created_at = excluded.created_at, updated_at = excluded.updated_at,
            version = excluded.version, deleted = false
        WHERE videos.version < excluded.version
        """;

    private const string Tombstone = """
        INSERT INTO videos (id, owner_id, created_at, updated_at, version, deleted)
        VALUES (@id, '00000000-0000-0000-0000-000000000000', now(), now(), @version, true)
        ON CONFLICT (id) DO UPDATE SET
            title = '', description = NULL, renditions = '[]', error_code = NULL, error_message = NULL, output_prefix = NULL,
            updated_at = now(), version = excluded.version, deleted = true
        WHERE videos.version < excluded.version
        """;

    /// <summary>A ready video's neighbours rank their related lists again: it may have become public, or stopped being.</summary>
    private const string NeighboursToRank = """
        INSERT INTO related_dirty (video_id) SELECT other_id FROM co_views WHERE video_id = @id ON CONFLICT (video_id) DO NOTHING
        """;

    /// <summary>A removed video leaves the co-watch tables; its neighbours rank their lists again.</summary>
    private const string ForgetPairs = """
        WITH mine AS (DELETE FROM co_views WHERE video_id = @id RETURNING other_id),
        theirs AS (DELETE FROM co_views c USING mine WHERE c.video_id = mine.other_id AND c.other_id = @id),
        neighbours AS (INSERT INTO related_dirty (video_id) SELECT other_id FROM mine ON CONFLICT (video_id) DO NOTHING)
        DELETE FROM related_videos WHERE video_id = @id
        """;

    public async Task SaveAsync(VideoView video, long version, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand(video.Status == VideoStatus.Ready ? $"{Upsert};\n{NeighboursToRank}" : Upsert);
        var p = command.Parameters;
        p.AddWithValue("id", video.Id);
        p.AddWithValue("owner", video.OwnerId);
        p.AddWithValue("title", video.Title);
        p.AddWithValue("description", (object?)video.Description ?? DBNull.Value);
        p.AddWithValue("visibility", VideoText.Of(video.Visibility));
        p.AddWithValue("status", VideoText.Of(video.Status));
        p.AddWithValue("progress", video.Progress);
        p.AddWithValue("eta", (object?)video.EtaSeconds ?? DBNull.Value);
        p.AddWithValue("size", video.SizeBytes);
        p.AddWithValue("duration", (object?)video.DurationSeconds ?? DBNull.Value);
        p.AddWithValue("width", (object?)video.Width ?? DBNull.Value);
        p.AddWithValue("height", (object?)video.Height ?? DBNull.Value);
        p.AddWithValue("renditions", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(video.Renditions, VideoText.Json));
        p.AddWithValue("errorCode", (object?)video.Error?.Code ?? DBNull.Value);
        p.AddWithValue("errorMessage", (object?)video.Error?.Message ?? DBNull.Value);
        p.AddWithValue("prefix", (object?)video.OutputPrefix ?? DBNull.Value);
        p.AddWithValue("epoch", video.PlaybackEpoch);
        p.AddWithValue("created", video.CreatedAt);
        p.AddWithValue("updated", video.UpdatedAt);
        p.AddWithValue("version", version);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task RemoveAsync(Guid videoId, long version, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand($"{Tombstone};\n{ForgetPairs}");
        command.Parameters.AddWithValue("id", videoId);
        command.Parameters.AddWithValue("version", version);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// One statement, so all or nothing: the count, the events (for the co-watch pairing, see
    /// <c>CoWatchPairing</c>) and the day's total (for trending). No row for the video, nothing written.
    /// </summary>
    private const string AddViews = """
        WITH batch AS (
            INSERT INTO view_batches (id, video_id) SELECT @batch, @id WHERE EXISTS (SELECT FROM videos WHERE id = @id)
            ON CONFLICT (id) DO NOTHING RETURNING id),
        counted AS (
            UPDATE videos SET views = views + cardinality(@viewers::text[]) WHERE id = @id AND EXISTS (SELECT FROM batch) RETURNING views),
        events AS (
            INSERT INTO view_events (viewer, video_id, viewed_at)
            SELECT viewer, @id, viewed_at FROM unnest(@viewers::text[], @at::timestamptz[]) AS v (viewer, viewed_at)
            WHERE EXISTS (SELECT FROM counted)),
        days AS (
            INSERT INTO daily_views (day, video_id, views)
            SELECT (viewed_at AT TIME ZONE 'UTC')::date, @id, count(*) FROM unnest(@at::timestamptz[]) AS v (viewed_at)
            WHERE EXISTS (SELECT FROM counted)
            GROUP BY 1
            ON CONFLICT (day, video_id) DO UPDATE SET views = daily_views.views + excluded.views)
        -- Written before (a retry): the count as it stands.
        SELECT coalesce((SELECT views FROM counted), (SELECT views FROM videos WHERE id = @id))
        """;

    public async Task<long?> AddViewsAsync(Guid videoId, Guid batchId, IReadOnlyList<CountedView> views, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand(AddViews);
        command.Parameters.AddWithValue("id", videoId);
        command.Parameters.AddWithValue("batch", batchId);
        command.Parameters.AddWithValue("viewers", views.Select(v => v.Viewer).ToArray());
        command.Parameters.AddWithValue("at", views.Select(v => v.At.ToUniversalTime()).ToArray());
        return await command.ExecuteScalarAsync(ct) as long?;
    }

    public async Task<long?> ViewsAsync(Guid videoId, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand("SELECT views FROM videos WHERE id = @id");
        command.Parameters.AddWithValue("id", videoId);
        return await command.ExecuteScalarAsync(ct) as long?;
    }
}
