namespace Platform.Silo.Transcoding;

/// <summary>
/// The source is not usable media (not a video, undecodable, truncated, beyond the limits): the
/// video fails at once, without retries. <see cref="Exception.Message"/> is for the person who
/// uploaded it; <see cref="Detail"/> (FFmpeg's own words, paths included) is for the log only.
/// </summary>
public sealed class InvalidMediaException(string message, string? detail = null) : Exception(message)
{
    public string? Detail { get; } = detail;
}
