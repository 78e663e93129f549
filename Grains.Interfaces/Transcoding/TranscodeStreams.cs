namespace Platform.Grains.Interfaces.Transcoding;

/// <summary>Where transcode jobs travel: the RabbitMQ-backed stream provider and the namespace its transcoder grains subscribe to.</summary>
public static class TranscodeStreams
{
    /// <summary>The name of the persistent stream provider on silos (RabbitMQ queues <c>{ServiceId}.transcode.*</c>).</summary>
    public const string Provider = "transcode";

    /// <summary>The stream namespace; the stream key is the video id (<c>StreamId.Create(Jobs, videoId)</c>).</summary>
    public const string Jobs = "transcode-jobs";
}
