namespace Platform.Grains.Interfaces.Videos;

/// <summary>
/// A video as its grain knows it. <see cref="ObjectKey"/> is the uploaded source; <see cref="OutputPrefix"/> the ladder's folder once ready;
/// <see cref="MultipartUploadId"/> the source's open multipart upload, if any, cut in parts of <see cref="MultipartPartSize"/>.
/// </summary>
[GenerateSerializer, Alias("VideoView")]
public sealed record VideoView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid OwnerId,
    [property: Id(2)] string Title,
    [property: Id(3)] string? Description,
    [property: Id(4)] VideoVisibility Visibility,
    [property: Id(5)] VideoStatus Status,
    [property: Id(6)] int Progress,
    [property: Id(7)] int? EtaSeconds,
    [property: Id(8)] long SizeBytes,
    [property: Id(9)] double? DurationSeconds,
    [property: Id(10)] int? Width,
    [property: Id(11)] int? Height,
    [property: Id(12)] IReadOnlyList<Rendition> Renditions,
    [property: Id(13)] VideoError? Error,
    [property: Id(14)] int Attempt,
    [property: Id(15)] string ObjectKey,
    [property: Id(16)] DateTimeOffset CreatedAt,
    [property: Id(17)] DateTimeOffset UpdatedAt,
    [property: Id(18)] string? OutputPrefix = null,
    [property: Id(19)] int PlaybackEpoch = 0,
    [property: Id(20)] long Version = 0,
    [property: Id(21)] string? MultipartUploadId = null,
    [property: Id(22)] long MultipartPartSize = 0);
