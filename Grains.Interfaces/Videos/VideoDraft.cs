namespace Platform.Grains.Interfaces.Videos;

/// <summary>What a new video starts with: its metadata and the file its owner is about to upload.</summary>
[GenerateSerializer, Alias("VideoDraft")]
public sealed record VideoDraft(
    [property: Id(0)] string Title,
    [property: Id(1)] string? Description,
    [property: Id(2)] VideoVisibility Visibility,
    [property: Id(3)] string FileName,
    [property: Id(4)] string ContentType,
    [property: Id(5)] long SizeBytes);
