using System.Diagnostics;
using Npgsql;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Platform.Grains.Interfaces.Transcoding;
using Platform.Grains.Interfaces.Videos;
using Platform.Grains.Transcoding;
using Platform.Grains.Videos;
using Platform.Silo.Videos;

namespace Platform.Silo.Transcoding;

/// <summary>
/// This silo's transcoder: takes recorded jobs from the job board, at most
/// <see cref="TranscodingOptions.MaxConcurrentJobs"/> at once, and runs each one — fetch the source,
/// one FFmpeg ladder, store it under a folder of its own, tell the video. While a job runs its
/// lease is renewed; a job withdrawn (video deleted) or superseded (stalled, retried) is stopped
/// within <see cref="TranscodingOptions.RenewEvery"/>, and whatever it stored is removed. A job of
/// a silo that died is taken by another once its lease runs out; at shutdown the job is given back.
/// </summary>
public sealed class TranscodeWorker(
    PostgresJobBoard board,
    S3VideoObjects objects,
    IGrainFactory grains,
    IOptions<TranscodingOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<TranscodeWorker> logger) : BackgroundService
{
    private static readonly TimeSpan CountEvery = TimeSpan.FromSeconds(5);
    private readonly TranscodingOptions _options = options.Value;
    private readonly string _worker = $"{Environment.MachineName}/{Environment.ProcessId}/{RandomNumberGenerator.GetHexString(8, lowercase: true)}";
    private readonly List<Task> _running = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grain calls work once the silo has joined.
        await WhenStarted(stoppingToken);
        if (_options.MaxConcurrentJobs == 0)
        {
            logger.LogInformation("Transcoding:MaxConcurrentJobs is 0: this silo runs no transcode jobs");
            return;
        }
        SweepDeadWork();
        var listener = ListenAsync(stoppingToken);
        logger.LogInformation("Transcode worker {Worker} takes up to {Jobs} job(s) at once", _worker, _options.MaxConcurrentJobs);
        using var slots = new SemaphoreSlim(_options.MaxConcurrentJobs);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The queue depth is counted while waiting for a slot too: a full worker is when it matters.
                await CountWaitingAsync(stoppingToken);
                if (!await slots.WaitAsync(CountEvery, stoppingToken)) continue;
                var handedOver = false;
                try
                {
                    var taken = await TakeAsync(stoppingToken);
                    if (taken is not ({ } job, var takes))
                    {
                        slots.Release();
                        handedOver = true;
                        // Until a job is recorded (the board notifies) or the next look, whichever comes first.
                        await _wake.WaitAsync(_options.PollInterval, stoppingToken);
                        continue;
                    }
                    lock (_running) _running.Add(Task.Run(async () =>
                    {
                        try { await RunAsync(job, takes, stoppingToken); }
                        catch (Exception e) { logger.LogError(e, "Video {VideoId}: the run of attempt {Attempt} ended unexpectedly", job.VideoId, job.Attempt); }
                        finally { slots.Release(); }
                    }, CancellationToken.None));
                    handedOver = true;
                    lock (_running) _running.RemoveAll(t => t.IsCompleted);
                }
                finally
                {
                    if (!handedOver) slots.Release();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Transcode worker {Worker}: unexpected fault in its loop; going on in 2 s", _worker);
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        Task[] left;
        lock (_running) left = [.. _running];
        await Task.WhenAll(left);
        await listener;
    }

    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Wakes the idle loop whenever a job is recorded anywhere in the cluster (PostgreSQL LISTEN/NOTIFY); looking every PollInterval stays the fallback.</summary>
    private async Task ListenAsync(CancellationToken ct)
    {
        var warned = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await board.ListenAsync(ct);
                connection.Notification += (_, _) => Wake();
                Wake(); // notifications may have been missed while not listening
                warned = false;
                while (!ct.IsCancellationRequested)
                {
                    // A quiet half minute: make sure the connection still stands (a dropped one never wakes).
                    if (!await connection.WaitAsync(TimeSpan.FromSeconds(30), ct))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(ct);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (!warned) logger.LogWarning("Not listening for new jobs ({Reason}); looking every {Interval} meanwhile", e.Message, _options.PollInterval);
                warned = true;
                try { await Task.Delay(TimeSpan.FromSeconds(5), time, ct); } catch (OperationCanceledException) { return; }
            }
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount > 0) return;
        try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    private long _counted = long.MinValue;

    private async Task CountWaitingAsync(CancellationToken ct)
    {
        if (_counted != long.MinValue && Stopwatch.GetElapsedTime(_counted) < CountEvery) return;
        _counted = Stopwatch.GetTimestamp();
        try
        {
            TranscodeMetrics.Waiting(await board.CountWaitingAsync(ct));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug("The queue depth could not be counted: {Reason}", e.Message);
        }
    }

    private async Task<(TranscodeJob Job, int Takes)?> TakeAsync(CancellationToken stopping)
    {
        try
        {
            // Not cancelled half-way: a take that committed must come back, or the job stays leased.
            var taken = await board.TakeAsync(_worker, _options.Lease, CancellationToken.None);
            if (taken is { } held && stopping.IsCancellationRequested)
            {
                await Quietly(() => board.ReleaseAsync(held.Job, _worker, TimeSpan.Zero, countTake: false, CancellationToken.None));
                return null;
            }
            return taken;
        }
        catch (Exception e)
        {
            logger.LogWarning("Transcode worker {Worker} could not look for jobs: {Reason}", _worker, e.Message);
            return null;
        }
    }

    private async Task RunAsync(TranscodeJob job, int takes, CancellationToken stopping)
    {
        var video = grains.GetGrain<IVideoGrain>(job.VideoId);
        var started = Stopwatch.GetTimestamp();
        using var held = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var token = held.Token;
        var progress = new ProgressReporter(video, job.Attempt, _options.ProgressInterval, held, logger);
        var lease = Task.CompletedTask;
        string? work = null, stored = null;
        bool? accepted = null; // null: the video was not told (or did not answer)
        var offered = false;
        TranscodeMetrics.Started();
        try
        {
            lease = KeepLeaseAsync(job, held, progress);
            if (takes > _options.MaxTakes)
            {
                logger.LogWarning("Video {VideoId}: attempt {Attempt} was taken {Takes} times (its silos stopped each time); it counts as failed",
                    job.VideoId, job.Attempt, takes);
                await EndAsync(job, () => video.Fail(job.Attempt, new VideoError("transcode_failed", "Processing was interrupted again and again."), transient: true));
                return;
            }
            if (!await video.ReportProgress(job.Attempt, 0, null))
            {
                logger.LogInformation("Video {VideoId}: attempt {Attempt} is no longer wanted; skipped", job.VideoId, job.Attempt);
                await Quietly(() => board.FinishAsync(job, _worker, CancellationToken.None));
                return;
            }
            logger.LogInformation("Video {VideoId}: attempt {Attempt} started on {Worker} ({Bytes} bytes)", job.VideoId, job.Attempt, _worker, job.SizeBytes);
            work = Directory.CreateDirectory(Path.Combine(WorkRoot, $"{WorkPrefix}{Environment.ProcessId}@{Host}-{job.VideoId:N}-{job.Attempt}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}")).FullName;
            var source = Path.Combine(work, "source");
            // No FFmpeg progress while bytes move: heartbeats (only while bytes do move) keep the watchdog content.
            switch (await objects.DownloadAsync(job.SourceKey, source, job.SizeBytes, progress.Moved, token))
            {
                case S3VideoObjects.Fetched.Missing:
                    await EndAsync(job, () => video.Fail(job.Attempt, new VideoError("upload_missing", "The uploaded file is no longer in storage."), transient: false));
                    return;
                case S3VideoObjects.Fetched.TooLarge:
                    await EndAsync(job, () => video.Fail(job.Attempt,
                        new VideoError("upload_too_large", "The file in storage is larger than the upload that was completed (it was replaced afterwards)."), transient: false));
                    return;
            }
            // FFmpeg is 95 % of the way; storing the ladder the rest.
            var output = await LocalTranscode.RunAsync(source, work, done => progress.Report(done * 0.95), token);
            File.Move(output.Thumbnail, Path.Combine(output.HlsDirectory, TranscodeResult.ThumbnailName));
            stored = $"{IVideoObjects.FolderOf(job.VideoId)}hls-{RandomNumberGenerator.GetHexString(16, lowercase: true)}/";
            var bytes = await objects.UploadFolderAsync(output.HlsDirectory, stored, progress.Moved, token);
            var renditions = output.Rungs.Select(r => new Rendition(r.Name, r.Width, r.Height, r.Bandwidth(output.Facts.HasAudio))).ToList();
            var result = new TranscodeResult(output.Facts.Duration.TotalSeconds, output.Facts.Width, output.Facts.Height, renditions, stored);
            token.ThrowIfCancellationRequested();
            offered = true;
            accepted = await SucceedAsync(video, job, result);
            var took = Stopwatch.GetElapsedTime(started);
            if (accepted == true)
            {
                TranscodeMetrics.Succeeded(took, output.Facts.Duration.TotalSeconds);
                await Quietly(() => objects.DeleteOtherLaddersAsync(job.VideoId, stored, CancellationToken.None));
            }
            logger.LogInformation("Video {VideoId}: attempt {Attempt} {Outcome} in {Seconds:0.0} s ({Realtime:0.00}x realtime, {Renditions} renditions, {Bytes} bytes)",
                job.VideoId, job.Attempt, accepted switch { true => "succeeded", false => "finished but is no longer wanted", null => "finished but the video could not be told" },
                took.TotalSeconds, output.Facts.Duration.TotalSeconds / Math.Max(took.TotalSeconds, 0.001), renditions.Count, bytes);
            if (accepted is null) await Quietly(() => board.ReleaseAsync(job, _worker, ReleaseDelay, countTake: true, CancellationToken.None));
            else await Quietly(() => board.FinishAsync(job, _worker, CancellationToken.None));
        }
        catch (InvalidMediaException e)
        {
            logger.LogInformation("Video {VideoId}: attempt {Attempt} found invalid media: {Reason} {Detail}", job.VideoId, job.Attempt, e.Message, e.Detail);
            TranscodeMetrics.Failed(Stopwatch.GetElapsedTime(started), "invalid_media", retried: false);
            await EndAsync(job, () => video.Fail(job.Attempt, new VideoError("invalid_media", e.Message), transient: false));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogInformation("Video {VideoId}: attempt {Attempt} given back at shutdown; another worker takes it", job.VideoId, job.Attempt);
            await Quietly(() => board.ReleaseAsync(job, _worker, TimeSpan.Zero, countTake: false, CancellationToken.None));
        }
        catch (OperationCanceledException) when (held.IsCancellationRequested)
        {
            if (progress.Refused)
            {
                logger.LogInformation("Video {VideoId}: attempt {Attempt} stopped: the video no longer wants it", job.VideoId, job.Attempt);
                await Quietly(() => board.FinishAsync(job, _worker, CancellationToken.None));
            }
            else logger.LogInformation("Video {VideoId}: attempt {Attempt} stopped: the job was withdrawn or superseded", job.VideoId, job.Attempt);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Video {VideoId}: attempt {Attempt} failed on a fault that may pass", job.VideoId, job.Attempt);
            TranscodeMetrics.Failed(Stopwatch.GetElapsedTime(started), "transient", retried: true);
            await EndAsync(job, () => video.Fail(job.Attempt,
                new VideoError("transcode_failed", "The video could not be processed because of a temporary fault."), transient: true));
        }
        finally
        {
            await held.CancelAsync();
            await lease;
            await progress.DrainAsync();
            // Stored but refused, or never offered: nobody points at it. (Offered without an answer:
            // it may be the video's ladder now, so it stays.)
            if (stored is not null && accepted != true && !(accepted is null && offered)) await Quietly(() => objects.DeletePrefixAsync(stored, CancellationToken.None));
            if (work is not null) await Quietly(() => { Directory.Delete(work, recursive: true); return Task.CompletedTask; });
            TranscodeMetrics.Stopped();
        }
    }

    /// <summary>Offers the result to the video, a few times over if it does not answer; null when it never did.</summary>
    private async Task<bool?> SucceedAsync(IVideoGrain video, TranscodeJob job, TranscodeResult result)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await video.Succeed(job.Attempt, result);
            }
            catch (Exception e) when (attempt < 3)
            {
                logger.LogWarning("Video {VideoId}: the result of attempt {Attempt} could not be told yet ({Reason}); again", job.VideoId, job.Attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(attempt), time);
            }
            catch (Exception e)
            {
                logger.LogWarning("Video {VideoId}: the result of attempt {Attempt} could not be told ({Reason}); the job is given back", job.VideoId, job.Attempt, e.Message);
                return null;
            }
        }
    }

    /// <summary>Tells the video how the attempt ended; the job is finished when it heard, given back to the board when it did not.</summary>
    private async Task EndAsync(TranscodeJob job, Func<Task> tell)
    {
        try
        {
            await tell();
            await Quietly(() => board.FinishAsync(job, _worker, CancellationToken.None));
        }
        catch (Exception e)
        {
            logger.LogWarning("Video {VideoId}: the outcome of attempt {Attempt} could not be told ({Reason}); the job is given back", job.VideoId, job.Attempt, e.Message);
            await Quietly(() => board.ReleaseAsync(job, _worker, ReleaseDelay, countTake: true, CancellationToken.None));
        }
    }

    /// <summary>How long a job given back after a fault waits before any worker takes it again.</summary>
    private static readonly TimeSpan ReleaseDelay = TimeSpan.FromSeconds(10);

    private const string WorkPrefix = "transcode-";

    /// <summary>The silos' own folder in the work folder: nothing else lives there.</summary>
    private string WorkRoot => Path.Combine(_options.WorkFolder ?? Path.GetTempPath(), "platform-transcode");

    /// <summary>This machine's name as it goes into work folder names (a container's own hostname).</summary>
    private static readonly string Host = string.Concat(Environment.MachineName.Where(char.IsAsciiLetterOrDigit)).ToLowerInvariant();

    /// <summary>
    /// Work folders of silo processes on this machine that died mid-job: sources and ladders that
    /// nobody removes otherwise. Only this host's folders are looked at (a work folder shared
    /// between containers holds others' live work). It runs before this process makes any, so a
    /// folder with this process's id is a dead predecessor's (a container's silo is always process 1).
    /// </summary>
    private void SweepDeadWork()
    {
        try
        {
            Directory.CreateDirectory(WorkRoot);
        }
        catch (Exception e)
        {
            logger.LogWarning("The work folder {Root} cannot be made: {Reason}", WorkRoot, e.Message);
            return;
        }
        foreach (var folder in Directory.EnumerateDirectories(WorkRoot, $"{WorkPrefix}*@{Host}-*"))
        {
            var name = Path.GetFileName(folder)[WorkPrefix.Length..];
            if (!int.TryParse(name.Split('@')[0], out var pid) || (pid != Environment.ProcessId && IsAlive(pid))) continue;
            try
            {
                Directory.Delete(folder, recursive: true);
                logger.LogInformation("Removed {Folder}, the work of a silo process that is gone", folder);
            }
            catch (Exception e)
            {
                logger.LogWarning("Could not remove {Folder}: {Reason}", folder, e.Message);
            }
        }
    }


    /// <summary>
    /// Renews the lease until the job ends, and sends heartbeats while bytes move; cancels
    /// <paramref name="held"/> once the job is no longer this worker's.
    /// </summary>
    private async Task KeepLeaseAsync(TranscodeJob job, CancellationTokenSource held, ProgressReporter progress)
    {
        var token = held.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.RenewEvery, time, token);
                if (!await board.RenewAsync(job, _worker, _options.Lease, token))
                {
                    await held.CancelAsync();
                    return;
                }
                progress.Heartbeat();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                // The database is away: keep going; if it stays away the lease runs out and the job is taken again.
                logger.LogWarning("Video {VideoId}: the lease of attempt {Attempt} could not be renewed: {Reason}", job.VideoId, job.Attempt, e.Message);
            }
        }
    }

    private async Task Quietly(Func<Task> cleanUp)
    {
        try
        {
            await cleanUp();
        }
        catch (Exception e)
        {
            logger.LogWarning("Transcode clean-up failed: {Reason}", e.Message);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private async Task WhenStarted(CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        using var a = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var b = ct.Register(() => started.TrySetCanceled(ct));
        await started.Task;
    }

    /// <summary>
    /// Tells the video how far a job is, at most once per interval (each report is a write), with an
    /// estimate of the time left. A video that answers "not this attempt" stops the run.
    /// </summary>
    private sealed class ProgressReporter(IVideoGrain video, int attempt, TimeSpan interval, CancellationTokenSource held, ILogger logger)
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private long _last = Stopwatch.GetTimestamp();
        private Task _pending = Task.CompletedTask;
        private double _done;
        private long _moved, _movedAtHeartbeat;

        /// <summary>The video answered that it no longer wants this attempt.</summary>
        public bool Refused { get; private set; }

        public Task DrainAsync()
        {
            lock (this) return _pending;
        }

        /// <summary>Bytes of the source or the ladder moved to or from storage.</summary>
        public void Moved(long bytes) => Interlocked.Add(ref _moved, bytes);

        public void Report(double done)
        {
            lock (this)
            {
                _done = Math.Max(_done, done);
                if (Stopwatch.GetElapsedTime(_last) < interval || !_pending.IsCompleted) return;
                _last = Stopwatch.GetTimestamp();
                var elapsed = Stopwatch.GetElapsedTime(_started).TotalSeconds;
                int? eta = done >= 0.01 ? (int)Math.Ceiling(elapsed * (1 - done) / done) : null;
                _pending = Send((int)Math.Floor(done * 100), eta);
            }
        }

        /// <summary>
        /// The last progress again, when bytes moved since the last heartbeat: FFmpeg says nothing
        /// while the source or the ladder moves. A transfer that hangs sends none, so it looks stalled.
        /// </summary>
        public void Heartbeat()
        {
            var moved = Interlocked.Read(ref _moved);
            if (moved == _movedAtHeartbeat) return;
            _movedAtHeartbeat = moved;
            double done;
            lock (this) done = _done;
            Report(done);
        }

        private async Task Send(int percent, int? eta)
        {
            try
            {
                if (!await video.ReportProgress(attempt, percent, eta))
                {
                    Refused = true;
                    await held.CancelAsync();
                }
            }
            catch (Exception e)
            {
                logger.LogDebug("A progress report was lost: {Reason}", e.Message);
            }
        }
    }
}
