using Npgsql;
using Platform.Grains.Interfaces.Transcoding;
using Platform.Grains.Transcoding;

namespace Platform.Silo.Transcoding;

/// <summary>
/// The job board in the <c>transcode_jobs</c> table (migration 0003). The database's clock decides
/// leases (a backoff's <c>not_before</c> comes from the video grain), so silos need not agree on time.
/// </summary>
public sealed class PostgresJobBoard(NpgsqlDataSource database) : ITranscodeJobBoard
{
    public async Task RecordAsync(TranscodeJob job, CancellationToken ct = default)
    {
        // A newer attempt replaces the row (and takes it from whoever held the older one). The same
        // attempt changes nothing while it waits or runs; once finished it is opened again (the video
        // publishes again only while it still waits for that attempt, e.g. when the first run could
        // not tell it its outcome; a stale redelivery is skipped by its worker at once).
        // Idle workers are woken only when a job became takeable now (not on a repeat, not before its backoff).
        await using var command = database.CreateCommand($"""
            WITH recorded AS (
                INSERT INTO transcode_jobs (video_id, attempt, source_key, size_bytes, owner_id, not_before)
                VALUES (@video, @attempt, @source, @size, @owner, @notBefore)
                ON CONFLICT (video_id) DO UPDATE SET
                    attempt = excluded.attempt, source_key = excluded.source_key, size_bytes = excluded.size_bytes, owner_id = excluded.owner_id,
                    not_before = excluded.not_before, recorded_at = now(), worker = NULL, lease_until = NULL, takes = 0, finished = false
                WHERE transcode_jobs.attempt < excluded.attempt OR (transcode_jobs.attempt = excluded.attempt AND transcode_jobs.finished)
                RETURNING not_before)
            SELECT pg_notify('{Channel}', @video::text) FROM recorded WHERE not_before <= now()
            """);
        command.Parameters.AddWithValue("video", job.VideoId);
        command.Parameters.AddWithValue("attempt", job.Attempt);
        command.Parameters.AddWithValue("source", job.SourceKey);
        command.Parameters.AddWithValue("size", job.SizeBytes);
        command.Parameters.AddWithValue("owner", job.OwnerId);
        command.Parameters.AddWithValue("notBefore", job.NotBefore);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The channel <see cref="RecordAsync"/> notifies, so idle workers take a new job at once instead of at their next look.</summary>
    public const string Channel = "transcode_jobs";

    /// <summary>A connection that listens on <see cref="Channel"/>; its <c>Notification</c> event fires while <c>WaitAsync</c> runs.</summary>
    public async Task<NpgsqlConnection> ListenAsync(CancellationToken ct)
    {
        var connection = await database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand($"LISTEN {Channel}", connection);
            await command.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task WithdrawAsync(Guid videoId, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand("DELETE FROM transcode_jobs WHERE video_id = @video");
        command.Parameters.AddWithValue("video", videoId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Takes a job that is due and free (never taken, or its lease ran out) — of those, one of the
    /// owner served longest ago (owners take turns), then the oldest — for
    /// <paramref name="lease"/>, with how often it has been taken now; null when there is none.
    /// </summary>
    public async Task<(TranscodeJob Job, int Takes)?> TakeAsync(string worker, TimeSpan lease, CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            WITH pick AS (
                SELECT j.video_id FROM transcode_jobs j
                LEFT JOIN transcode_owners o ON o.owner_id = j.owner_id
                WHERE NOT j.finished AND j.not_before <= now() AND (j.lease_until IS NULL OR j.lease_until < now())
                ORDER BY o.last_taken_at NULLS FIRST, j.not_before, j.recorded_at
                LIMIT 1
                FOR UPDATE OF j SKIP LOCKED),
            taken AS (
                UPDATE transcode_jobs SET worker = @worker, lease_until = now() + @lease, takes = takes + 1
                WHERE video_id = (SELECT video_id FROM pick)
                RETURNING video_id, attempt, source_key, size_bytes, not_before, takes, owner_id),
            served AS (
                INSERT INTO transcode_owners (owner_id, last_taken_at) SELECT owner_id, now() FROM taken
                ON CONFLICT (owner_id) DO UPDATE SET last_taken_at = excluded.last_taken_at)
            SELECT video_id, attempt, source_key, size_bytes, not_before, takes, owner_id FROM taken
            """);
        command.Parameters.AddWithValue("worker", worker);
        command.Parameters.AddWithValue("lease", lease);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (new TranscodeJob(reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt64(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetGuid(6)), reader.GetInt32(5));
    }

    /// <summary>Keeps the job this worker's; false when it is no longer (withdrawn, superseded by a newer attempt, or taken after the lease ran out).</summary>
    public Task<bool> RenewAsync(TranscodeJob job, string worker, TimeSpan lease, CancellationToken ct) =>
        UpdateHeldAsync("lease_until = now() + @lease", job, worker, lease, ct);

    /// <summary>The job ended (its result told to the video): it is never run again.</summary>
    public Task<bool> FinishAsync(TranscodeJob job, string worker, CancellationToken ct) =>
        UpdateHeldAsync("finished = true, worker = NULL, lease_until = NULL", job, worker, null, ct);

    /// <summary>
    /// Gives the job back: free for any worker after <paramref name="delay"/> (so a fault that repeats
    /// at once is not retried in a tight loop). At a graceful shutdown <paramref name="countTake"/> is
    /// false: that take does not count against the attempt.
    /// </summary>
    public Task<bool> ReleaseAsync(TranscodeJob job, string worker, TimeSpan delay, bool countTake, CancellationToken ct) =>
        UpdateHeldAsync($"worker = NULL, lease_until = NULL{(delay > TimeSpan.Zero ? ", not_before = greatest(not_before, now() + @lease)" : "")}{(countTake ? "" : ", takes = greatest(takes - 1, 0)")}",
            job, worker, delay > TimeSpan.Zero ? delay : null, ct);

    /// <summary>Jobs due and not taken: the queue depth.</summary>
    public async Task<long> CountWaitingAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM transcode_jobs WHERE NOT finished AND not_before <= now() AND (lease_until IS NULL OR lease_until < now())");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task<bool> UpdateHeldAsync(string set, TranscodeJob job, string worker, TimeSpan? lease, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            $"UPDATE transcode_jobs SET {set} WHERE video_id = @video AND attempt = @attempt AND worker = @worker AND NOT finished");
        command.Parameters.AddWithValue("video", job.VideoId);
        command.Parameters.AddWithValue("attempt", job.Attempt);
        command.Parameters.AddWithValue("worker", worker);
        if (lease is { } l) command.Parameters.AddWithValue("lease", l);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }
}
