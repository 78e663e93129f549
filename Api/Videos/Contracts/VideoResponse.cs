namespace Platform.Api.Videos.Contracts;

/// <summary>A video as API.md describes it.</summary>
public sealed record VideoResponse(
    string Id,
    string OwnerId,
    string Title,
    string? Description,
    string Visibility,
    string Status,
    int Progress,
    int? EtaSeconds,
    long SizeBytes,
    double? DurationSeconds,
    int? Width,
    int? Height,
    IReadOnlyList<RenditionResponse> Renditions,
    string? ThumbnailUrl,
    string? PlaybackUrl,
    VideoErrorResponse? Error,
    long Views,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record RenditionResponse(string Name, int Width, int Height, int Bandwidth);

/// <summary>Why a video failed: a stable <c>code</c> (e.g. <c>invalid_media</c>) and a message a person understands.</summary>
public sealed record VideoErrorResponse(string Code, string Message);
