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
/// already). Each pair of views is counted once, by whichever is paired second, so pairing is
/// exact even when views of one viewer are written by many grains at once. Events older than
/// <see cref="PairingOptions.KeepEvents"/> are deleted.
/// </summary>
public sealed partial class CoWatchPairing(NpgsqlDataSource database, IOptions<PairingOptions> options, ILogger<CoWatchPairing> logger) : BackgroundService
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
        pairs AS (
            SELECT DISTINCT o.id, o.video_id AS a, e.video_id AS b FROM openings o
            JOIN view_events e ON e.viewer = o.viewer AND e.video_id <> o.video_id AND (e.paired OR e.id < o.id)
                AND e.viewed_at > o.viewed_at - interval '24 hours' AND e.viewed_at < o.viewed_at + interval '24 hours'),
        counts AS (
            SELECT a, b, count(*) AS n FROM (SELECT a, b FROM pairs UNION ALL SELECT b, a FROM pairs) p GROUP BY a, b),
        added AS (
            INSERT INTO co_views (video_id, other_id, together) SELECT a, b, n FROM counts
            ON CONFLICT (video_id, other_id) DO UPDATE SET together = co_views.together + excluded.together),
        marked AS (
            UPDATE view_events SET paired = true WHERE id IN (SELECT id FROM batch) RETURNING 1)
        SELECT (SELECT count(*) FROM marked), (SELECT count(*) FROM pairs)
        """;

    private const string Forget = """
        DELETE FROM view_events WHERE id IN (
            SELECT id FROM view_events WHERE viewed_at < @before AND paired ORDER BY viewed_at LIMIT @batch)
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await RunOnceAsync(stoppingToken) >= settings.BatchSize;
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

    /// <summary>Pairs one batch when no other silo is pairing; the number of views paired (0 when the lock was taken).</summary>
    public async Task<long> RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var watch = Stopwatch.StartNew();
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var locked = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection, transaction))
        {
            locked.Parameters.AddWithValue("key", LockKey);
            if (await locked.ExecuteScalarAsync(ct) is not true) return 0;
        }
        long views, pairs;
        await using (var pair = new NpgsqlCommand(Pair, connection, transaction))
        {
            pair.Parameters.AddWithValue("batch", settings.BatchSize);
            pair.CommandTimeout = 120;
            await using var reader = await pair.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (views, pairs) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        await using (var forget = new NpgsqlCommand(Forget, connection, transaction))
        {
            forget.Parameters.AddWithValue("before", DateTimeOffset.UtcNow - settings.KeepEvents);
            forget.Parameters.AddWithValue("batch", settings.BatchSize);
            await forget.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        if (views > 0) LogPaired(views, pairs, watch.ElapsedMilliseconds);
        return views;
    }

    [LoggerMessage(LogLevel.Debug, "Co-watch: {Views} views paired ({Pairs} pairs) in {Milliseconds} ms")]
    private partial void LogPaired(long views, long pairs, long milliseconds);

    [LoggerMessage(LogLevel.Warning, "Co-watch pairing failed, retried next round: {Reason}")]
    private partial void LogFailed(string reason);
}
