using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.Silo.Recommendations;

/// <summary>
/// Keeps <c>co_views</c> (migration 0006) up to date as views arrive: every silo runs it, one at a
/// time (a transaction-scoped advisory lock), and each batch takes the oldest unpaired view events.
/// A view that opens a viewer's day with a video — no view of it by them within 24 h, among the
/// views paired before it — adds one to the pair of that video and each other video the viewer
/// watched within 24 h of it (before or after: a view written late is paired with the ones paired
/// already; the nearest <see cref="PairingOptions.PartnersPerView"/> at most). Each view is paired
/// once, with the views paired before it, so views of one viewer written late or by many grains
/// at once are neither lost nor counted twice. The videos whose pairs
/// changed are marked, and each round ranks the related list (<c>related_videos</c>) of a batch of
/// them. Events older than <see cref="PairingOptions.KeepEvents"/> are deleted.
/// </summary>
public sealed partial class CoWatchPairing(NpgsqlDataSource database, IOptions<PairingOptions> options, TimeProvider time, ILogger<CoWatchPairing> logger) : BackgroundService
{
    /// <summary>The advisory lock that lets one silo pair at a time ("co-watch" as a number).</summary>
    private const long LockKey = 0x636f_2d77_6174_6368;

    private const string Pair = """
        WITH batch AS (
            SELECT id, viewer, video_id, viewed_at FROM view_events WHERE NOT paired ORDER BY id LIMIT @batch),
        -- "Before" a view of the batch: paired already, or earlier in this batch.
        openings AS (
            SELECT b.* FROM batch b
            WHERE NOT EXISTS (
                SELECT FROM view_events e
                WHERE e.viewer = b.viewer AND e.video_id = b.video_id AND e.id <> b.id AND (e.paired OR e.id < b.id)
                  AND e.viewed_at > b.viewed_at - interval '24 hours' AND e.viewed_at < b.viewed_at + interval '24 hours')),
        -- Each opening with the viewer's other videos within 24 h, the latest @partners views at most
        -- (a viewer who watches thousands a day costs no more), each other video once.
        pairs AS (
            SELECT DISTINCT o.id, o.video_id AS a, p.video_id AS b FROM openings o
            CROSS JOIN LATERAL (
                SELECT e.video_id FROM view_events e
                WHERE e.viewer = o.viewer AND e.video_id <> o.video_id AND (e.paired OR e.id < o.id)
                  AND e.viewed_at > o.viewed_at - interval '24 hours' AND e.viewed_at < o.viewed_at + interval '24 hours'
                ORDER BY e.viewed_at DESC
                LIMIT @partners) p),
        counts AS (
            SELECT a, b, count(*) AS n FROM (SELECT a, b FROM pairs UNION ALL SELECT b, a FROM pairs) p GROUP BY a, b),
        added AS (
            INSERT INTO co_views (video_id, other_id, together) SELECT a, b, n FROM counts
            ON CONFLICT (video_id, other_id) DO UPDATE SET together = co_views.together + excluded.together),
        dirty AS (
            INSERT INTO related_dirty (video_id) SELECT DISTINCT a FROM counts ON CONFLICT (video_id) DO NOTHING),
        marked AS (
            UPDATE view_events SET paired = true WHERE id IN (SELECT id FROM batch) RETURNING 1)
        SELECT (SELECT count(*) FROM marked), (SELECT count(*) FROM pairs)
        """;

    /// <summary>The videos whose pairs changed, oldest first, taken off the list (one round's worth; the lock makes this round the only one).</summary>
    private const string TakeDirty = """
        DELETE FROM related_dirty WHERE video_id IN (SELECT video_id FROM related_dirty ORDER BY since LIMIT @batch)
        RETURNING video_id
        """;

    /// <summary>Their best neighbours, scored as YouTube's related videos (2010): together / (views(i) · views(j)).</summary>
    private const string Rank = """
        DELETE FROM related_videos WHERE video_id = ANY(@ids);
        INSERT INTO related_videos (video_id, other_id, score)
        SELECT video_id, other_id, score FROM (
            SELECT c.video_id, c.other_id, s.score,
                   row_number() OVER (PARTITION BY c.video_id ORDER BY s.score DESC, c.other_id) AS place
            FROM co_views c
            JOIN videos me ON me.id = c.video_id
            JOIN videos other ON other.id = c.other_id
            CROSS JOIN LATERAL (SELECT c.together::float8 / (greatest(me.views, 1)::float8 * greatest(other.views, 1)) AS score) s
            WHERE c.video_id = ANY(@ids) AND NOT other.deleted AND other.status = 'ready' AND other.visibility = 'public') ranked
        WHERE place <= @keep;
        """;

    /// <summary>Events past keeping (paired ones), day totals trending no longer reads, and the ids of batches no grain retries any more.</summary>
    private const string Forget = """
        DELETE FROM view_events WHERE id IN (
            SELECT id FROM view_events WHERE viewed_at < @before AND paired ORDER BY viewed_at LIMIT @batch);
        DELETE FROM daily_views WHERE day < (@now AT TIME ZONE 'UTC')::date - 8;
        DELETE FROM view_batches WHERE written_at < @now - interval '1 day';
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                var round = await RunOnceAsync(stoppingToken);
                full = round.Paired >= settings.BatchSize || round.Ranked >= settings.RankBatchSize;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The views stay unpaired and are taken by the next round (here or on another silo).
                LogFailed(e.Message);
            }
            if (!full)
            {
                try { await Task.Delay(settings.Every, stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>What one round did: views paired, related lists ranked (none when another silo held the lock).</summary>
    public readonly record struct Round(long Paired, long Ranked)
    {
        public bool Any => Paired > 0 || Ranked > 0;
    }

    /// <summary>Pairs one batch and ranks one batch of related lists, when no other silo is doing so.</summary>
    public async Task<Round> RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var watch = Stopwatch.StartNew();
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var locked = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection, transaction))
        {
            locked.Parameters.AddWithValue("key", LockKey);
            if (await locked.ExecuteScalarAsync(ct) is not true) return default;
        }
        long views, pairs;
        await using (var pair = new NpgsqlCommand(Pair, connection, transaction))
        {
            pair.Parameters.AddWithValue("batch", settings.BatchSize);
            pair.Parameters.AddWithValue("partners", settings.PartnersPerView);
            pair.CommandTimeout = 120;
            await using var reader = await pair.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (views, pairs) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        long ranked = 0;
        var dirty = new List<Guid>();
        await using (var take = new NpgsqlCommand(TakeDirty, connection, transaction))
        {
            take.Parameters.AddWithValue("batch", settings.RankBatchSize);
            await using var reader = await take.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) dirty.Add(reader.GetGuid(0));
        }
        if (dirty.Count > 0)
        {
            await using var rank = new NpgsqlCommand(Rank, connection, transaction);
            rank.Parameters.AddWithValue("ids", dirty.ToArray());
            rank.Parameters.AddWithValue("keep", settings.RelatedKept);
            rank.CommandTimeout = 120;
            await rank.ExecuteNonQueryAsync(ct);
            ranked = dirty.Count;
        }
        await using (var forget = new NpgsqlCommand(Forget, connection, transaction))
        {
            forget.Parameters.AddWithValue("before", time.GetUtcNow() - settings.KeepEvents);
            forget.Parameters.AddWithValue("now", time.GetUtcNow());
            forget.Parameters.AddWithValue("batch", settings.BatchSize);
            await forget.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        if (views > 0 || ranked > 0) LogPaired(views, pairs, ranked, watch.ElapsedMilliseconds);
        return new Round(views, ranked);
    }

    [LoggerMessage(LogLevel.Debug, "Co-watch: {Views} views paired ({Pairs} pairs), {Ranked} related lists ranked, in {Milliseconds} ms")]
    private partial void LogPaired(long views, long pairs, long ranked, long milliseconds);

    [LoggerMessage(LogLevel.Warning, "Co-watch pairing failed, retried next round: {Reason}")]
    private partial void LogFailed(string reason);
}
