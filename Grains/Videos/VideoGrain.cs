using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Grains.Interfaces.Videos;

namespace Platform.Grains.Videos;

/// <summary>
/// One video's state and rules: created by its owner awaiting the upload, queued once the upload
/// is complete (however often that is said), then processing, ready or failed. Every attempt
/// has a number; progress and results of any other attempt are stale and ignored.
/// </summary>
/// <remarks>Publishing the job to the transcoding stream is the pipeline's part of issue 7 (not built yet).</remarks>
public sealed class VideoGrain(
    [PersistentState("video")] IPersistentState<VideoState> state,
    IOptions<VideoRules> rules,
    TimeProvider time,
    ILogger<VideoGrain> logger) : Grain, IVideoGrain
{
    private readonly VideoRules _rules = rules.Value;
    private VideoState S => state.State;
    private Guid VideoId => this.GetPrimaryKey();

    /// <summary>The error code of a file that is not usable media: never retried.</summary>
    public const string InvalidMedia = "invalid_media";

    /// <summary>Where the owner's upload goes: under the video's own (unguessable) id.</summary>
    public static string ObjectKeyOf(Guid videoId) => $"videos/{videoId:N}/source";

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
            UpdatedAt = now,
        };
        await state.WriteStateAsync();
        logger.LogInformation("Video {VideoId} created by user {UserId}, awaiting an upload of {Bytes} bytes", VideoId, ownerId, draft.SizeBytes);
        return VideoOutcome.Of(View());
    }

    Task<VideoView?> IVideoGrain.Get(Guid? viewerId)
    {
        if (!state.RecordExists) return Task.FromResult<VideoView?>(null);
        var visible = viewerId == S.OwnerId || (S.Status == VideoStatus.Ready && S.Visibility != VideoVisibility.Private);
        return Task.FromResult(visible ? View() : null);
    }

    async Task<VideoOutcome> IVideoGrain.Update(Guid ownerId, VideoPatch patch)
    {
        if (!Owns(ownerId)) return VideoOutcome.Fail(VideoFailure.NotFound);
        S.Title = patch.Title ?? S.Title;
        S.Description = patch.Description ?? S.Description;
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
        Queue(attempt: 1);
        await Save();
        logger.LogInformation("Video {VideoId} uploaded ({Bytes} bytes); attempt 1 queued", VideoId, uploadedBytes);
        return VideoOutcome.Of(View());
    }

    async Task<bool> IVideoGrain.ReportProgress(int attempt, int progress, int? etaSeconds)
    {
        if (!IsCurrent(attempt) || S.Status is not (VideoStatus.Queued or VideoStatus.Processing)) return false;
        S.Status = VideoStatus.Processing;
        S.Progress = Math.Clamp(progress, S.Progress, 100);
        S.EtaSeconds = etaSeconds is null ? null : Math.Max(0, etaSeconds.Value);
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
        await Save();
        logger.LogInformation("Video {VideoId} is ready (attempt {Attempt}, {Renditions} renditions)", VideoId, attempt, result.Renditions.Count);
        return true;
    }

    async Task<bool> IVideoGrain.Fail(int attempt, VideoError error, bool transient)
    {
        if (!IsCurrent(attempt) || S.Status is not (VideoStatus.Queued or VideoStatus.Processing)) return false;
        if (transient && error.Code != InvalidMedia && attempt < _rules.MaxAttempts)
        {
            Queue(attempt + 1);
            logger.LogWarning("Video {VideoId}: attempt {Attempt} failed ({Code}); attempt {Next} queued", VideoId, attempt, error.Code, attempt + 1);
        }
        else
        {
            S.Status = VideoStatus.Failed;
            (S.Error, S.EtaSeconds) = (error, null);
            logger.LogWarning("Video {VideoId} failed on attempt {Attempt}: {Code}", VideoId, attempt, error.Code);
        }
        await Save();
        return true;
    }

    async Task<VideoOutcome> IVideoGrain.Delete(Guid ownerId)
    {
        if (!Owns(ownerId)) return VideoOutcome.Fail(VideoFailure.NotFound);
        var last = View();
        await state.ClearStateAsync();
        logger.LogInformation("Video {VideoId} deleted by its owner", VideoId);
        DeactivateOnIdle();
        return VideoOutcome.Of(last);
    }

    private bool Owns(Guid userId)
    {
        if (state.RecordExists && S.OwnerId == userId) return true;
        if (!state.RecordExists) DeactivateOnIdle(); // a made-up id leaves no activation behind
        return false;
    }

    private bool IsCurrent(int attempt) => state.RecordExists && attempt == S.Attempt;

    private void Queue(int attempt)
    {
        S.Attempt = attempt;
        S.Status = VideoStatus.Queued;
        (S.Progress, S.EtaSeconds, S.Error) = (0, null, null);
    }

    private Task Save()
    {
        S.UpdatedAt = time.GetUtcNow();
        return state.WriteStateAsync();
    }

    private VideoView View() => new(VideoId, S.OwnerId, S.Title, S.Description, S.Visibility, S.Status, S.Progress, S.EtaSeconds,
        S.SizeBytes, S.DurationSeconds, S.Width, S.Height, S.Renditions, S.Error, S.Attempt, ObjectKeyOf(VideoId), S.CreatedAt, S.UpdatedAt);
}
