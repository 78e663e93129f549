using System.Diagnostics;
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
        logger.LogInformation("Transcode worker {Worker} takes up to {Jobs} job(s) at once", _worker, _options.MaxConcurrentJobs);
        using var slots = new SemaphoreSlim(_options.MaxConcurrentJobs);
        var counted = long.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (Stopwatch.GetElapsedTime(counted) >= CountEvery || counted == long.MinValue)
                {
                    TranscodeMetrics.Waiting(await board.CountWaitingAsync(stoppingToken));
                    counted = Stopwatch.GetTimestamp();
                }
                await slots.WaitAsync(stoppingToken);
                var job = await TakeAsync(stoppingToken);
                if (job is null)
                {
                    slots.Release();
                    await Task.Delay(_options.PollInterval, time, stoppingToken);
                    continue;
                }
                lock (_running) _running.Add(Task.Run(async () =>
                {
                    try { await RunAsync(job, stoppingToken); }
                    finally { slots.Release(); }
                }, CancellationToken.None));
                lock (_running) _running.RemoveAll(t => t.IsCompleted);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning("Transcode worker {Worker}: the job board is unreachable ({Reason}); trying again", _worker, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        Task[] left;
        lock (_running) left = [.. _running];
        await Task.WhenAll(left);
    }

    private async Task<TranscodeJob?> TakeAsync(CancellationToken ct)
    {
        try
        {
            return await board.TakeAsync(_worker, _options.Lease, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Transcode worker {Worker} could not look for jobs: {Reason}", _worker, e.Message);
            return null;
        }
    }

    private async Task RunAsync(TranscodeJob job, CancellationToken stopping)
    {
        var video = grains.GetGrain<IVideoGrain>(job.VideoId);
        var started = Stopwatch.GetTimestamp();
        using var held = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var lease = KeepLeaseAsync(job, held);
        var work = Directory.CreateDirectory(Path.Combine(_options.WorkFolder ?? Path.GetTempPath(),
            $"transcode-{job.VideoId:N}-{job.Attempt}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}"));
        string? stored = null;
        var accepted = false;
        TranscodeMetrics.Started();
        logger.LogInformation("Video {VideoId}: attempt {Attempt} started on {Worker} ({Bytes} bytes)", job.VideoId, job.Attempt, _worker, job.SizeBytes);
        try
        {
            if (!await video.ReportProgress(job.Attempt, 0, null))
            {
                logger.LogInformation("Video {VideoId}: attempt {Attempt} is no longer wanted; skipped", job.VideoId, job.Attempt);
                await board.FinishAsync(job, _worker, CancellationToken.None);
                return;
            }
            var source = Path.Combine(work.FullName, "source");
            if (!await objects.DownloadAsync(job.SourceKey, source, held.Token))
            {
                await Tell(job, () => video.Fail(job.Attempt, new VideoError("upload_missing", "The uploaded file is no longer in storage."), transient: false));
                await board.FinishAsync(job, _worker, CancellationToken.None);
                return;
            }
            var progress = new ProgressReporter(video, job.Attempt, _options.ProgressInterval, logger);
            // FFmpeg is 95 % of the way; storing the ladder the rest.
            var output = await LocalTranscode.RunAsync(source, work.FullName, done => progress.Report(done * 0.95), held.Token);
            await progress.DrainAsync();
            File.Move(output.Thumbnail, Path.Combine(output.HlsDirectory, ThumbnailName));
            stored = $"{IVideoObjects.FolderOf(job.VideoId)}hls-{RandomNumberGenerator.GetHexString(16, lowercase: true)}/";
            var bytes = await objects.UploadFolderAsync(output.HlsDirectory, stored, held.Token);
            var renditions = output.Rungs.Select(r => new Rendition(r.Name, r.Width, r.Height, r.Bandwidth(output.Facts.HasAudio))).ToList();
            var result = new TranscodeResult(output.Facts.Duration.TotalSeconds, output.Facts.Width, output.Facts.Height, renditions, stored, bytes);
            held.Token.ThrowIfCancellationRequested();
            accepted = await video.Succeed(job.Attempt, result);
            var took = Stopwatch.GetElapsedTime(started);
            if (accepted) TranscodeMetrics.Succeeded(took, output.Facts.Duration.TotalSeconds);
            logger.LogInformation("Video {VideoId}: attempt {Attempt} {Outcome} in {Seconds:0.0} s ({Realtime:0.00}x realtime, {Renditions} renditions, {Bytes} bytes)",
                job.VideoId, job.Attempt, accepted ? "succeeded" : "finished but is no longer wanted", took.TotalSeconds,
                output.Facts.Duration.TotalSeconds / Math.Max(took.TotalSeconds, 0.001), renditions.Count, bytes);
            await board.FinishAsync(job, _worker, CancellationToken.None);
        }
        catch (InvalidMediaException e)
        {
            logger.LogInformation("Video {VideoId}: attempt {Attempt} found invalid media: {Reason}", job.VideoId, job.Attempt, e.Message);
            TranscodeMetrics.Failed(Stopwatch.GetElapsedTime(started), "invalid_media", retried: false);
            await Tell(job, () => video.Fail(job.Attempt, new VideoError("invalid_media", e.Message), transient: false));
            await board.FinishAsync(job, _worker, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogInformation("Video {VideoId}: attempt {Attempt} given back at shutdown; another worker takes it", job.VideoId, job.Attempt);
            await Quietly(() => board.ReleaseAsync(job, _worker, CancellationToken.None));
        }
        catch (OperationCanceledException) when (held.IsCancellationRequested)
        {
            logger.LogInformation("Video {VideoId}: attempt {Attempt} stopped: the job was withdrawn or superseded", job.VideoId, job.Attempt);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Video {VideoId}: attempt {Attempt} failed on a fault that may pass", job.VideoId, job.Attempt);
            TranscodeMetrics.Failed(Stopwatch.GetElapsedTime(started), "transient", retried: true);
            await Tell(job, () => video.Fail(job.Attempt,
                new VideoError("transcode_failed", "The video could not be processed because of a temporary fault."), transient: true));
            await Quietly(() => board.FinishAsync(job, _worker, CancellationToken.None));
        }
        finally
        {
            await held.CancelAsync();
            await lease;
            if (!accepted && stored is not null) await Quietly(() => objects.DeletePrefixAsync(stored, CancellationToken.None));
            await Quietly(() => { work.Delete(recursive: true); return Task.CompletedTask; });
            TranscodeMetrics.Stopped();
        }
    }

    /// <summary>The thumbnail's name beside the master playlist.</summary>
    public const string ThumbnailName = "thumbnail.jpg";

    /// <summary>Renews the lease until the job ends; cancels <paramref name="held"/> once the job is no longer this worker's.</summary>
    private async Task KeepLeaseAsync(TranscodeJob job, CancellationTokenSource held)
    {
        while (!held.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.RenewEvery, time, held.Token);
                if (!await board.RenewAsync(job, _worker, _options.Lease, held.Token))
                {
                    await held.CancelAsync();
                    return;
                }
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

    private async Task Tell(TranscodeJob job, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e)
        {
            // The video's watchdog notices an attempt that never reports back.
            logger.LogWarning("Video {VideoId}: the outcome of attempt {Attempt} could not be told: {Reason}", job.VideoId, job.Attempt, e.Message);
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

    private async Task WhenStarted(CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        using var a = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var b = ct.Register(() => started.TrySetCanceled(ct));
        await started.Task;
    }

    /// <summary>Tells the video how far a job is, at most once per interval (each report is a write), with an estimate of the time left.</summary>
    private sealed class ProgressReporter(IVideoGrain video, int attempt, TimeSpan interval, ILogger logger)
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private long _last = Stopwatch.GetTimestamp();
        private Task _pending = Task.CompletedTask;

        public void Report(double done)
        {
            lock (this)
            {
                if (Stopwatch.GetElapsedTime(_last) < interval || !_pending.IsCompleted) return;
                _last = Stopwatch.GetTimestamp();
                var elapsed = Stopwatch.GetElapsedTime(_started).TotalSeconds;
                int? eta = done >= 0.01 ? (int)Math.Ceiling(elapsed * (1 - done) / done) : null;
                _pending = Send((int)Math.Floor(done * 100), eta);
            }
        }

        public Task DrainAsync()
        {
            lock (this) return _pending;
        }

        private async Task Send(int percent, int? eta)
        {
            try
            {
                await video.ReportProgress(attempt, percent, eta);
            }
            catch (Exception e)
            {
                logger.LogDebug("A progress report was lost: {Reason}", e.Message);
            }
        }
    }
}
