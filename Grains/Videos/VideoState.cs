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
}
