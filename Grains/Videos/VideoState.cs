using Platform.Grains.Interfaces.Videos;

namespace Platform.Grains.Videos;

[GenerateSerializer, Alias("VideoState")]
public sealed class VideoState
{
    [Id(0)] public Guid OwnerId { get; set; }
    [Id(1)] public string Title { get; set; } = "";
    [Id(2)] public string? Description { get; set; }
    [Id(3)] public VideoVisibility Visibility { get; set; }
    [Id(4)] public VideoStatus Status { get; set; }
    [Id(5)] public string FileName { get; set; } = "";
    [Id(6)] public string ContentType { get; set; } = "";
    [Id(7)] public long SizeBytes { get; set; }
    [Id(8)] public int Progress { get; set; }
    [Id(9)] public int? EtaSeconds { get; set; }
    [Id(10)] public double? DurationSeconds { get; set; }
    [Id(11)] public int? Width { get; set; }
    [Id(12)] public int? Height { get; set; }
    [Id(13)] public List<Rendition> Renditions { get; set; } = [];
    [Id(14)] public VideoError? Error { get; set; }
    [Id(15)] public int Attempt { get; set; }
    [Id(16)] public DateTimeOffset CreatedAt { get; set; }
    [Id(17)] public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Raised by every write: the read model keeps only the newest version of a video.</summary>
    [Id(18)] public long Version { get; set; }
    /// <summary>Where the ready ladder lives (<c>videos/{id}/hls-{random}/</c>).</summary>
    [Id(19)] public string? OutputPrefix { get; set; }
    /// <summary>When the current attempt may start (after a backoff).</summary>
    [Id(20)] public DateTimeOffset NotBefore { get; set; }
    /// <summary>When the current attempt's job was last published; null when publishing failed.</summary>
    [Id(21)] public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>The last sign of life of the running attempt (progress reported).</summary>
    [Id(22)] public DateTimeOffset LastProgressAt { get; set; }
    /// <summary>The upload's object key (<see cref="VideoGrain.NewSourceKey"/>).</summary>
    [Id(23)] public string SourceKey { get; set; } = "";
    /// <summary>Raised when the visibility changes: playback URLs carry it, so older ones stop working.</summary>
    [Id(24)] public int PlaybackEpoch { get; set; }

    /// <summary>The ladder folder to move away from: the video stopped being public, and its folder's name was out there.</summary>
    [Id(27)] public string? RekeyFrom { get; set; }
    /// <summary>A tombstone: the video was removed; its folder is swept once more at <see cref="VideoRules.DeletedSweepAfter"/>.</summary>
    [Id(25)] public bool Deleted { get; set; }
    [Id(26)] public DateTimeOffset DeletedAt { get; set; }
    /// <summary>The open multipart upload of the source (its S3 upload id), aborted when the video is removed.</summary>
    [Id(28)] public string? MultipartUploadId { get; set; }
    /// <summary>The part size of the open multipart upload, fixed when it was opened (a later change of settings does not re-cut it).</summary>
    [Id(29)] public long MultipartPartSize { get; set; }
}
