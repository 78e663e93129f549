using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Orleans.Utilities;
using Platform.Grains.Interfaces.Transcoding;
using Platform.Grains.Interfaces.Videos;
using Platform.Grains.Transcoding;

namespace Platform.Grains.Videos;

/// <summary>
/// One video's state and rules: created by its owner awaiting the upload, queued once the upload
/// is complete (however often that is said), then processing, ready or failed. Every attempt has a
/// number; progress and results of any other attempt are stale and ignored.
/// <para>
/// Publishing is "exactly once in effect": the grain first stores <c>queued</c> with the attempt,
/// then publishes the job; the watchdog reminder publishes it again while it stays queued (the job
/// board records a job once). The same watchdog removes uploads never completed and abandons an
/// attempt that shows no progress for <see cref="VideoRules.StallTimeout"/>. Every change is written
/// to the read model with a rising version.
/// </para>
/// </summary>
public sealed class VideoGrain(
    [PersistentState("video")] IPersistentState<VideoState> state,
    IOptions<VideoRules> rules,
    IVideoCatalog catalog,
    IVideoObjects objects,
    ITranscodeJobBoard jobs,
    TimeProvider time,
    ILogger<VideoGrain> logger) : Grain, IVideoGrain, IRemindable
{
    private const string Watchdog = "watchdog";
    private readonly VideoRules _rules = rules.Value;
    private VideoState S => state.State;
    private Guid VideoId => this.GetPrimaryKey();

    /// <summary>The error code of a file that is not usable media: never retried.</summary>
    public const string InvalidMedia = "invalid_media";

    /// <summary>The error code of an attempt that showed no progress for too long.</summary>
    public const string Stalled = "stalled";

    /// <summary>
    /// Where the owner's upload goes: in the video's folder, under a name with 64 random bits, since
    /// the video's id is no secret (unlisted links carry it) and storage may not check signatures.
    /// </summary>
    public static string NewSourceKey(Guid videoId) => $"{IVideoObjects.FolderOf(videoId)}source-{RandomNumberGenerator.GetHexString(16, lowercase: true)}";

    async Task<VideoOutcome> IVideoGrain.Create(Guid ownerId, VideoDraft draft)
    {
        if (state.RecordExists) return VideoOutcome.Fail(VideoFailure.Conflict);
        if (draft.SizeBytes <= 0 || draft.SizeBytes > _rules.MaxUploadBytes) return VideoOutcome.Fail(VideoFailure.UploadTooLarge);
        var now = time.GetUtcNow();
        state.State = new VideoState
        {
            OwnerId = ownerId,
            Title = draft.Title,
            Description = draft.Description,
            Visibility = draft.Visibility,
            Status = VideoStatus.AwaitingUpload,
            FileName = draft.FileName,
            ContentType = draft.ContentType,
            SizeBytes = draft.SizeBytes,
            SourceKey = NewSourceKey(VideoId),
            CreatedAt = now,
        };
        // First the reminder: a video stored without it would never be cleaned up.
        await this.RegisterOrUpdateReminder(Watchdog, _rules.UploadExpiry, _rules.WatchdogPeriod);
        await Save();
        logger.LogInformation("Video {VideoId} created by user {UserId}, awaiting an upload of {Bytes} bytes", VideoId, ownerId, draft.SizeBytes);
        return VideoOutcome.Of(View());
    }

    Task<VideoView?> IVideoGrain.Get(Guid? viewerId)
    {
        if (!Exists)
        {
            DeactivateOnIdle(); // a made-up id leaves no activation behind
            return Task.FromResult<VideoView?>(null);
        }
        return Task.FromResult(VisibleTo(viewerId) ? View() : null);
    }

    Task<VideoView?> IVideoGrain.GetForPlayback()
    {
        if (!Exists) DeactivateOnIdle();
        return Task.FromResult(Exists && S.Status == VideoStatus.Ready ? View() : null);
    }

    Task<VideoView?> IVideoGrain.Watch(Guid? viewerId, IVideoWatcher watcher)
    {
        if (!Exists) DeactivateOnIdle(); // a made-up id leaves no activation behind
        var view = Exists && VisibleTo(viewerId) ? View() : null;
        if (view is null)
        {
            _watchers.Unsubscribe(watcher);
            return Task.FromResult<VideoView?>(null);
        }
        // A finished video changes no more (but for its metadata): the state is all a stream needs.
        if (S.Status is VideoStatus.Ready or VideoStatus.Failed) return Task.FromResult<VideoView?>(view);
        _watchers.ClearExpired();
        if (_watchers.Count >= MaxWatchers && !_watchers.Observers.ContainsKey(watcher))
        {
            logger.LogWarning("Video {VideoId} has {Count} watchers already; another is refused", VideoId, _watchers.Count);
            return Task.FromResult<VideoView?>(view); // the state, without the changes: the stream ends at its next renewal
        }
        _watchers.Subscribe(watcher, new Watching(watcher, viewerId));
        return Task.FromResult<VideoView?>(view);
    }

    Task IVideoGrain.Unwatch(IVideoWatcher watcher)
    {
        _watchers.Unsubscribe(watcher);
        return Task.CompletedTask;
    }

    /// <summary>Event streams one video serves at most (each is a message per change).</summary>
    private const int MaxWatchers = 1000;

    /// <summary>API nodes following this video (their event streams), with the viewer each serves; forgotten when not renewed within a minute.</summary>
    private readonly ObserverManager<IVideoWatcher, Watching> _watchers = new(TimeSpan.FromMinutes(1), logger);

    private sealed record Watching(IVideoWatcher Watcher, Guid? Viewer);

    /// <summary>Tells every watcher still allowed to see the video what it looks like now (one-way calls).</summary>
    private void Tell()
    {
        if (_watchers.Count == 0 || !Exists) return;
        var view = View();
        _watchers.Notify(w => { _ = w.Watcher.Changed(view); }, w => VisibleTo(w.Viewer));
    }

    async Task<VideoOutcome> IVideoGrain.Update(Guid ownerId, VideoPatch patch)
    {
        if (!Owns(ownerId)) return VideoOutcome.Fail(VideoFailure.NotFound);
        // A change of visibility voids every playback URL handed out before.
        if (patch.Visibility is { } visibility && visibility != S.Visibility) S.PlaybackEpoch++;
        var before = S.Visibility;
        S.Title = patch.Title ?? S.Title;
        S.Description = patch.Description is null ? S.Description : patch.Description.Length == 0 ? null : patch.Description;
        S.Visibility = patch.Visibility ?? S.Visibility;
        // The URLs handed out name the ladder's folder (public ones plainly, pre-signed ones too): when
        // the video is restricted further, its objects move to a folder nobody has seen, since storage
        // that checks no signatures would serve them to whoever kept a URL.
        if (S.Visibility != before && S.Visibility != VideoVisibility.Public && S.OutputPrefix is { } shown) S.RekeyFrom = shown;
        if (S.Visibility == VideoVisibility.Public) S.RekeyFrom = null;
        await Save();
        if (S.RekeyFrom is not null) StartRekey();
        return VideoOutcome.Of(View());
    }

    /// <summary>Moves the ladder away from <see cref="VideoState.RekeyFrom"/> in the background (retried every minute until done).</summary>
    private void StartRekey() =>
        _rekey ??= this.RegisterGrainTimer(_ => Rekey(), new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMinutes(1)) { KeepAlive = true });

    private IGrainTimer? _rekey;

    private async Task Rekey()
    {
        if (!Exists)
        {
            // Removed meanwhile: its objects are gone with it.
            _rekey?.Dispose();
            _rekey = null;
            return;
        }
        if (S.RekeyFrom is { } from && S.OutputPrefix == from && S.Status == VideoStatus.Ready && S.Visibility != VideoVisibility.Public)
        {
            var to = $"{IVideoObjects.FolderOf(VideoId)}hls-{RandomNumberGenerator.GetHexString(16, lowercase: true)}/";
            try
            {
                await objects.CopyFolderAsync(from, to);
            }
            catch (Exception e)
            {
                logger.LogWarning("Video {VideoId}: its ladder could not be moved from {From} yet ({Reason}); trying again in a minute", VideoId, from, e.Message);
                await Quietly(() => objects.DeletePrefixAsync(to), "remove a partial copy");
                return;
            }
            S.OutputPrefix = to;
            S.RekeyFrom = null;
            await Save();
            logger.LogInformation("Video {VideoId}: ladder moved from {From} to {To}", VideoId, from, to);
            await Quietly(() => objects.DeletePrefixAsync(from), "remove the ladder it moved from");
        }
        else if (S.RekeyFrom is not null)
        {
            // Public again, removed, or a newer ladder: nothing to move.
            S.RekeyFrom = null;
            await Save();
        }
        _rekey?.Dispose();
        _rekey = null;
    }

    async Task<VideoOutcome> IVideoGrain.Complete(Guid ownerId, long uploadedBytes)
    {
        if (!Owns(ownerId)) return VideoOutcome.Fail(VideoFailure.NotFound);
        // Said again (a retried request, a double click): the job is queued once.
        if (S.Status != VideoStatus.AwaitingUpload) return VideoOutcome.Of(View());
        if (uploadedBytes <= 0) return VideoOutcome.Fail(VideoFailure.UploadMissing);
        if (uploadedBytes > S.SizeBytes || uploadedBytes > _rules.MaxUploadBytes) return VideoOutcome.Fail(VideoFailure.UploadTooLarge);
        S.SizeBytes = uploadedBytes;
        // Completed into the source object, or (the file came by the single PUT) never to be: its
        // parts would stay in storage. Aborting a completed upload is a no-op.
        if (S.MultipartUploadId is { } open) await Quietly(() => objects.AbortUploadAsync(S.SourceKey, open), "abort the open multipart upload");
        (S.MultipartUploadId, S.MultipartPartSize) = (null, 0);
        Queue(attempt: 1, notBefore: time.GetUtcNow());
        await this.RegisterOrUpdateReminder(Watchdog, _rules.WatchdogPeriod, _rules.WatchdogPeriod);
        await Save();
        logger.LogInformation("Video {VideoId} uploaded ({Bytes} bytes); attempt 1 queued", VideoId, uploadedBytes);
        await Publish();
        return VideoOutcome.Of(View());
    }

    async Task<VideoOutcome> IVideoGrain.OpenMultipart(Guid ownerId, string uploadId, long partSize)
    {
        if (!Owns(ownerId)) return VideoOutcome.Fail(VideoFailure.NotFound);
        if (S.Status != VideoStatus.AwaitingUpload) return VideoOutcome.Fail(VideoFailure.Conflict);
        if (S.MultipartUploadId is null)
        {
            (S.MultipartUploadId, S.MultipartPartSize) = (uploadId, partSize);
            await Store();
            logger.LogInformation("Video {VideoId}: multipart upload opened", VideoId);
        }
        return VideoOutcome.Of(View());
    }

    async Task<VideoOutcome> IVideoGrain.CloseMultipart(Guid ownerId, string uploadId)
    {
        if (!Owns(ownerId)) return VideoOutcome.Fail(VideoFailure.NotFound);
        if (S.MultipartUploadId == uploadId)
        {
            S.MultipartUploadId = null;
            await Store();
            logger.LogInformation("Video {VideoId}: multipart upload closed by its owner", VideoId);
        }
        return VideoOutcome.Of(View());
    }

    async Task<bool> IVideoGrain.ReportProgress(int attempt, int progress, int? etaSeconds)
    {
        if (!IsCurrent(attempt) || S.Status is not (VideoStatus.Queued or VideoStatus.Processing)) return false;
        S.Status = VideoStatus.Processing;
        S.Progress = Math.Clamp(progress, S.Progress, 100);
        S.EtaSeconds = etaSeconds is null ? null : Math.Max(0, etaSeconds.Value);
        S.LastProgressAt = time.GetUtcNow();
        await Save();
        return true;
    }

    async Task<bool> IVideoGrain.Succeed(int attempt, TranscodeResult result)
    {
        // Said again by a worker that did not hear the first answer: the same result is accepted.
        if (IsCurrent(attempt) && S.Status == VideoStatus.Ready && S.OutputPrefix == result.OutputPrefix) return true;
        if (!IsCurrent(attempt) || S.Status is not (VideoStatus.Queued or VideoStatus.Processing)) return false;
        S.Status = VideoStatus.Ready;
        (S.Progress, S.EtaSeconds, S.Error) = (100, null, null);
        (S.DurationSeconds, S.Width, S.Height) = (result.DurationSeconds, result.Width, result.Height);
        S.Renditions = [.. result.Renditions];
        S.OutputPrefix = result.OutputPrefix;
        await Save();
        await Quietly(StopWatchdog, "stop the watchdog");
        logger.LogInformation("Video {VideoId} is ready (attempt {Attempt}, {Renditions} renditions)", VideoId, attempt, result.Renditions.Count);
        return true;
    }

    async Task<bool> IVideoGrain.Fail(int attempt, VideoError error, bool transient)
    {
        if (!IsCurrent(attempt) || S.Status is not (VideoStatus.Queued or VideoStatus.Processing)) return false;
        await FailAttempt(error, transient);
        return true;
    }

    async Task<VideoOutcome> IVideoGrain.Delete(Guid ownerId)
    {
        if (!Owns(ownerId)) return VideoOutcome.Fail(VideoFailure.NotFound);
        var last = View();
        await Remove("deleted by its owner");
        return VideoOutcome.Of(last);
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != Watchdog) return;
        var now = time.GetUtcNow();
        if (!state.RecordExists)
        {
            await StopWatchdog();
            return;
        }
        if (S.Deleted)
        {
            if (now - S.DeletedAt < _rules.DeletedSweepAfter) return;
            // An upload URL handed out before the delete may have been used since: sweep once more.
            if (S.MultipartUploadId is { } uploadId) await objects.AbortUploadAsync(S.SourceKey, uploadId);
            await objects.DeleteAllAsync(VideoId);
            await state.ClearStateAsync();
            await StopWatchdog();
            DeactivateOnIdle();
            return;
        }
        switch (S.Status)
        {
            case VideoStatus.AwaitingUpload when now - S.CreatedAt >= _rules.UploadExpiry:
                await Remove($"its upload was not completed within {_rules.UploadExpiry}");
                break;
            case VideoStatus.Queued when S.PublishedAt is null || now - S.PublishedAt >= _rules.RepublishAfter:
                logger.LogInformation("Video {VideoId}: attempt {Attempt} still queued; publishing its job again", VideoId, S.Attempt);
                await Publish();
                break;
            case VideoStatus.Processing when now - S.LastProgressAt >= _rules.StallTimeout:
                logger.LogWarning("Video {VideoId}: attempt {Attempt} showed no progress since {Last}; it is stalled", VideoId, S.Attempt, S.LastProgressAt);
                await FailAttempt(new VideoError(Stalled, "Transcoding stopped making progress."), transient: true);
                break;
            case VideoStatus.Ready or VideoStatus.Failed:
                await StopWatchdog();
                break;
        }
    }

    private async Task FailAttempt(VideoError error, bool transient)
    {
        var attempt = S.Attempt;
        if (transient && error.Code != InvalidMedia && attempt < _rules.MaxAttempts)
        {
            var backoff = _rules.RetryBackoff * Math.Pow(2, attempt - 1);
            Queue(attempt + 1, time.GetUtcNow() + backoff);
            await Save();
            logger.LogWarning("Video {VideoId}: attempt {Attempt} failed ({Code}: {Message}); attempt {Next} queued to start in {Backoff}",
                VideoId, attempt, error.Code, error.Message, attempt + 1, backoff);
            await Publish();
            return;
        }
        S.Status = VideoStatus.Failed;
        (S.Error, S.EtaSeconds) = (error, null);
        await Save();
        await Quietly(StopWatchdog, "stop the watchdog");
        await Quietly(() => jobs.WithdrawAsync(VideoId), "withdraw the job");
        logger.LogWarning("Video {VideoId} failed on attempt {Attempt}: {Code}: {Message}", VideoId, attempt, error.Code, error.Message);
    }

    /// <summary>
    /// The job, its objects, the read model's row (a tombstone), then the state becomes a tombstone
    /// too: in this order, so that a failure part-way leaves the video there to delete again. The
    /// watchdog sweeps the folder once more after <see cref="VideoRules.DeletedSweepAfter"/> (an
    /// upload URL handed out before may still be used) and then forgets the video.
    /// </summary>
    private async Task Remove(string why)
    {
        await jobs.WithdrawAsync(VideoId);
        // Its parts are no objects yet: storage keeps them (and bills them) until the upload is aborted.
        // Tried again at the last sweep (an abort may have to be repeated while parts are in flight),
        // and the bucket's lifecycle rule aborts what is left after 2 days.
        if (S.MultipartUploadId is { } uploadId) await Quietly(() => objects.AbortUploadAsync(S.SourceKey, uploadId), "abort the open multipart upload");
        await objects.DeleteAllAsync(VideoId);
        await catalog.RemoveAsync(VideoId, S.Version + 1);
        await this.RegisterOrUpdateReminder(Watchdog, _rules.DeletedSweepAfter, _rules.WatchdogPeriod);
        state.State = new VideoState
        {
            Deleted = true, DeletedAt = time.GetUtcNow(), Version = S.Version + 1, OwnerId = S.OwnerId,
            SourceKey = S.SourceKey, MultipartUploadId = S.MultipartUploadId,
        };
        await Store();
        _catalogRetry?.Dispose();
        _catalogRetry = null;
        logger.LogInformation("Video {VideoId} removed: {Why}", VideoId, why);
    }

    /// <summary>Writes the state; when that fails, the changes in memory are dropped with the activation (the stored state stays the truth).</summary>
    private async Task Store()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task Publish()
    {
        var job = new TranscodeJob(VideoId, S.Attempt, S.SourceKey, S.SizeBytes, S.NotBefore, S.OwnerId);
        try
        {
            await this.GetStreamProvider(TranscodeStreams.Provider).GetStream<TranscodeJob>(StreamId.Create(TranscodeStreams.Jobs, VideoId)).OnNextAsync(job);
        }
        catch (Exception e)
        {
            // Stored as queued already: the watchdog publishes it again. (A publish timeout is an
            // OperationCanceledException too; this grain call has no caller's token to honour.)
            logger.LogWarning(e, "Video {VideoId}: the job of attempt {Attempt} could not be published yet; the watchdog tries again", VideoId, S.Attempt);
            return;
        }
        TranscodeMetrics.Queued();
        S.PublishedAt = time.GetUtcNow();
        // Bookkeeping only: if it is not stored, the watchdog publishes once more (recorded once).
        await Quietly(Store, "note the publication");
    }

    private async Task StopWatchdog()
    {
        if (await this.GetReminder(Watchdog) is { } reminder) await this.UnregisterReminder(reminder);
    }

    /// <summary>Its owner sees it always, anyone else once it is ready and not private.</summary>
    private bool VisibleTo(Guid? viewer) => viewer == S.OwnerId || (S.Status == VideoStatus.Ready && S.Visibility != VideoVisibility.Private);

    /// <summary>Stored and not deleted (a deleted video is kept as a tombstone until its last sweep).</summary>
    private bool Exists => state.RecordExists && !S.Deleted;

    private bool Owns(Guid userId)
    {
        if (Exists && S.OwnerId == userId) return true;
        if (!Exists) DeactivateOnIdle(); // a made-up id leaves no activation behind
        return false;
    }

    private bool IsCurrent(int attempt) => Exists && attempt == S.Attempt;

    private void Queue(int attempt, DateTimeOffset notBefore)
    {
        S.Attempt = attempt;
        S.Status = VideoStatus.Queued;
        (S.Progress, S.EtaSeconds, S.Error, S.PublishedAt) = (0, null, null, null);
        (S.NotBefore, S.LastProgressAt) = (notBefore, notBefore);
    }

    /// <summary>
    /// The state, then the read model (a newer version; repeating it is harmless). Once the state is
    /// stored the change has happened: a failed read-model write is retried by a timer, and again
    /// at the next activation, rather than failing the call.
    /// </summary>
    private async Task Save()
    {
        S.UpdatedAt = time.GetUtcNow();
        S.Version++;
        await Store();
        await Project();
        Tell();
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Exists) return Task.CompletedTask;
        if (S.RekeyFrom is not null) StartRekey();
        return Project();
    }

    private async Task Project()
    {
        try
        {
            await catalog.SaveAsync(View(), S.Version);
            _catalogRetry?.Dispose();
            _catalogRetry = null;
        }
        catch (Exception e)
        {
            logger.LogWarning("Video {VideoId}: the read model could not be written ({Reason}); trying again", VideoId, e.Message);
            _catalogRetry ??= this.RegisterGrainTimer(_ => Exists ? Project() : Task.CompletedTask,
                new GrainTimerCreationOptions(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)) { KeepAlive = true });
        }
    }

    private IGrainTimer? _catalogRetry;

    private async Task Quietly(Func<Task> step, string what)
    {
        try
        {
            await step();
        }
        catch (Exception e)
        {
            logger.LogWarning("Video {VideoId}: could not {What} ({Reason}); the watchdog sees to it", VideoId, what, e.Message);
        }
    }

    private VideoView View() => new(VideoId, S.OwnerId, S.Title, S.Description, S.Visibility, S.Status, S.Progress, S.EtaSeconds,
        S.SizeBytes, S.DurationSeconds, S.Width, S.Height, S.Renditions, S.Error, S.Attempt, S.SourceKey, S.CreatedAt, S.UpdatedAt,
        S.OutputPrefix, S.PlaybackEpoch, S.Version, S.MultipartUploadId, S.MultipartPartSize);
}
