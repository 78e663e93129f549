namespace Platform.Silo.Transcoding;

/// <summary>The source is not usable media (not a video, undecodable, truncated): the video fails at once, without retries.</summary>
public sealed class InvalidMediaException(string message) : Exception(message);
