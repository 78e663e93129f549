namespace Platform.Grains.Interfaces.Videos;

/// <summary>What a finished transcode reports: the media's facts and the ladder it made.</summary>
[GenerateSerializer, Alias("TranscodeResult")]
public sealed record TranscodeResult(
    [property: Id(0)] double DurationSeconds,
    [property: Id(1)] int Width,
    [property: Id(2)] int Height,
    [property: Id(3)] IReadOnlyList<Rendition> Renditions);
