using Platform.Grains.Interfaces.Transcoding;

namespace Platform.Grains.Transcoding;

/// <summary>
/// The jobs waiting for or held by the silos' transcode workers (PostgreSQL table
/// <c>transcode_jobs</c>, one row per video). Recording is idempotent: a job of an attempt already
/// recorded changes nothing; a newer attempt replaces the older one, and a worker still holding the
/// older one loses it (its process is stopped).
/// </summary>
public interface ITranscodeJobBoard
{
    Task RecordAsync(TranscodeJob job, CancellationToken ct = default);

    /// <summary>Forgets the video's job (the video is gone); a worker holding it stops within seconds.</summary>
    Task WithdrawAsync(Guid videoId, CancellationToken ct = default);
}
