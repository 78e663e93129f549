using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
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

    /// <summary>Where the owner's upload goes: under the video's own (unguessable) id.</summary>
    public static string ObjectKeyOf(Guid videoId) => IVideoObjects.SourceKeyOf(videoId);

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
        if (!state.RecordExists) return Task.FromResult<VideoView?>(null);
        var visible = viewerId == S.OwnerId || (S.Status == VideoStatus.Ready && S.Visibility != VideoVisibility.Private);
        return Task.FromResult(visible ? View() : null);
    }

    Task<VideoView?> IVideoGrain.GetForPlayback() =>
        Task.FromResult(state.RecordExists && S.Status == VideoStatus.Ready ? View() : null);

    async Task<VideoOutcome> IVideoGrain.Update(Guid ownerId, VideoPatch patch)
    {
        if (!Owns(ownerId)) return VideoOutcome.Fail(VideoFailure.NotFound);
        S.Title = patch.Title ?? S.Title;
        S.Description = patch.Description is null ? S.Description : patch.Description.Length == 0 ? null : patch.Description;
        S.Visibility = patch.Visibility ?? S.Visibility;
        await Save();
        return VideoOutcome.Of(View());
    }

    async Task<VideoOutcome> IVideoGrain.Complete(Guid ownerId, long uploadedBytes)
    {
        if (!Owns(ownerId)) return VideoOutcome.Fail(VideoFailure.NotFound);
        // Said again (a retried request, a double click): the job is queued once.
        if (S.Status != VideoStatus.AwaitingUpload) return VideoOutcome.Of(View());
        if (uploadedBytes <= 0) return VideoOutcome.Fail(VideoFailure.UploadMissing);
        if (uploadedBytes > S.SizeBytes || uploadedBytes > _rules.MaxUploadBytes) return VideoOutcome.Fail(VideoFailure.UploadTooLarge);
        S.SizeBytes = uploadedBytes;
        Queue(attempt: 1, notBefore: time.GetUtcNow());
        await this.RegisterOrUpdateReminder(Watchdog, _rules.WatchdogPeriod, _rules.WatchdogPeriod);
        await Save();
        logger.LogInformation("Video {VideoId} uploaded ({Bytes} bytes); attempt 1 queued", VideoId, uploadedBytes);
        await Publish();
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
        if (!IsCurrent(attempt) || S.Status is not (VideoStatus.Queued or VideoStatus.Processing)) return false;
        S.Status = VideoStatus.Ready;
        (S.Progress, S.EtaSeconds, S.Error) = (100, null, null);
        (S.DurationSeconds, S.Width, S.Height) = (result.DurationSeconds, result.Width, result.Height);
        S.Renditions = [.. result.Renditions];
        S.OutputPrefix = result.OutputPrefix;
        await Save();
        await StopWatchdog();
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
        if (!state.RecordExists)
        {
            await StopWatchdog();
            return;
        }
        var now = time.GetUtcNow();
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
        await StopWatchdog();
        await jobs.WithdrawAsync(VideoId);
        logger.LogWarning("Video {VideoId} failed on attempt {Attempt}: {Code}: {Message}", VideoId, attempt, error.Code, error.Message);
    }

    /// <summary>The job, its objects, the read model's row, the state: in this order, so that a failure part-way leaves something to retry.</summary>
    private async Task Remove(string why)
    {
        await jobs.WithdrawAsync(VideoId);
        await objects.DeleteAllAsync(VideoId);
        var version = S.Version + 1;
        await state.ClearStateAsync();
        await catalog.RemoveAsync(VideoId, version);
        await StopWatchdog();
        logger.LogInformation("Video {VideoId} removed: {Why}", VideoId, why);
        DeactivateOnIdle();
    }

    private async Task Publish()
    {
        var job = new TranscodeJob(VideoId, S.Attempt, ObjectKeyOf(VideoId), S.SizeBytes, S.NotBefore);
        try
        {
            await this.GetStreamProvider(TranscodeStreams.Provider).GetStream<TranscodeJob>(StreamId.Create(TranscodeStreams.Jobs, VideoId)).OnNextAsync(job);
            S.PublishedAt = time.GetUtcNow();
            await state.WriteStateAsync();
            TranscodeMetrics.Queued();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Stored as queued already: the watchdog publishes it again.
            logger.LogWarning(e, "Video {VideoId}: the job of attempt {Attempt} could not be published yet; the watchdog tries again", VideoId, S.Attempt);
        }
    }

    private async Task StopWatchdog()
    {
        if (await this.GetReminder(Watchdog) is { } reminder) await this.UnregisterReminder(reminder);
    }

    private bool Owns(Guid userId)
    {
        if (state.RecordExists && S.OwnerId == userId) return true;
        if (!state.RecordExists) DeactivateOnIdle(); // a made-up id leaves no activation behind
        return false;
    }

    private bool IsCurrent(int attempt) => state.RecordExists && attempt == S.Attempt;

    private void Queue(int attempt, DateTimeOffset notBefore)
    {
        S.Attempt = attempt;
        S.Status = VideoStatus.Queued;
        (S.Progress, S.EtaSeconds, S.Error, S.PublishedAt) = (0, null, null, null);
        (S.NotBefore, S.LastProgressAt) = (notBefore, notBefore);
    }

    /// <summary>The state, then the read model (a newer version; repeating it is harmless).</summary>
    private async Task Save()
    {
        S.UpdatedAt = time.GetUtcNow();
        S.Version++;
        await state.WriteStateAsync();
        await catalog.SaveAsync(View(), S.Version);
    }

    private VideoView View() => new(VideoId, S.OwnerId, S.Title, S.Description, S.Visibility, S.Status, S.Progress, S.EtaSeconds,
        S.SizeBytes, S.DurationSeconds, S.Width, S.Height, S.Renditions, S.Error, S.Attempt, ObjectKeyOf(VideoId), S.CreatedAt, S.UpdatedAt,
        S.OutputPrefix);
}
