namespace Platform.Grains.Interfaces.Videos;

/// <summary>The owner's changes; null leaves a field as it is.</summary>
[GenerateSerializer, Alias("VideoPatch")]
public sealed record VideoPatch(
    [property: Id(0)] string? Title,
    [property: Id(1)] string? Description,
    [property: Id(2)] VideoVisibility? Visibility);
