namespace Platform.Grains.Interfaces.Videos;

/// <summary>Why a video failed: a stable code (e.g. <c>invalid_media</c>) and words a person understands.</summary>
[GenerateSerializer, Alias("VideoError")]
public sealed record VideoError(
    [property: Id(0)] string Code,
    [property: Id(1)] string Message);
