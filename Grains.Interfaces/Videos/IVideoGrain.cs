namespace Platform.Grains.Interfaces.Videos;

/// <summary>
/// One video (key: its id): owner, metadata, visibility and the transcode state machine. Progress
/// and results count only for the current attempt; stale ones are ignored.
/// </summary>
[Alias("IVideoGrain")]
public interface IVideoGrain : IGrainWithGuidKey
{
    /// <summary>Creates the video awaiting its upload; a second create is a conflict.</summary>
    [Alias("Create")] Task<VideoOutcome> Create(Guid ownerId, VideoDraft draft);

    /// <summary>The video for <paramref name="viewerId"/>: its owner sees it always, anyone else once it is ready and not private.</summary>
    [Alias("Get")] Task<VideoView?> Get(Guid? viewerId);

    /// <summary>A ready video whatever its visibility, for a caller that checked the viewer's right already (a signed playback URL).</summary>
    [Alias("GetForPlayback")] Task<VideoView?> GetForPlayback();

    /// <summary>
    /// Starts (or renews) telling <paramref name="watcher"/> every change, for a viewer allowed to see
    /// the video (<see cref="Get"/>); the current state comes back. Renew within a minute.
    /// </summary>
    [Alias("Watch")] Task<VideoView?> Watch(Guid? viewerId, IVideoWatcher watcher);

    [Alias("Unwatch")] Task Unwatch(IVideoWatcher watcher);

    [Alias("Update")] Task<VideoOutcome> Update(Guid ownerId, VideoPatch patch);

    /// <summary>
    /// The upload is in storage with <paramref name="uploadedBytes"/>: queues the first attempt.
    /// Calling it again changes nothing (the job is queued once). Larger than declared or allowed:
    /// UploadTooLarge, and the video stays awaiting its upload.
    /// </summary>
    [Alias("Complete")] Task<VideoOutcome> Complete(Guid ownerId, long uploadedBytes);

    /// <summary>
    /// Notes the multipart upload <paramref name="uploadId"/> of the source, cut in parts of
    /// <paramref name="partSize"/> bytes, while the video awaits its upload and has none open; the
    /// answer carries the one that is open (another caller's, when two opened one at once: the loser
    /// aborts its own). Conflict once the upload is complete.
    /// </summary>
    [Alias("OpenMultipart")] Task<VideoOutcome> OpenMultipart(Guid ownerId, string uploadId, long partSize);

    /// <summary>Forgets the multipart upload <paramref name="uploadId"/> (aborted by its owner); another id changes nothing.</summary>
    [Alias("CloseMultipart")] Task<VideoOutcome> CloseMultipart(Guid ownerId, string uploadId);

    /// <summary>Progress of <paramref name="attempt"/>; the first report moves the video to processing. False when stale.</summary>
    [Alias("ReportProgress")] Task<bool> ReportProgress(int attempt, int progress, int? etaSeconds);

    /// <summary>The ladder of <paramref name="attempt"/> is stored: ready. False when stale.</summary>
    [Alias("Succeed")] Task<bool> Succeed(int attempt, TranscodeResult result);

    /// <summary>
    /// <paramref name="attempt"/> failed. A transient fault queues the next attempt while attempts
    /// remain; otherwise (or for <c>invalid_media</c>) the video fails. False when stale.
    /// </summary>
    [Alias("Fail")] Task<bool> Fail(int attempt, VideoError error, bool transient);

    /// <summary>Removes the video: its job (a running one stops), every object in storage, its row in the read model.</summary>
    [Alias("Delete")] Task<VideoOutcome> Delete(Guid ownerId);
}
