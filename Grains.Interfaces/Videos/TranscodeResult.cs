namespace Platform.Grains.Interfaces.Videos;

/// <summary>
/// What a finished transcode reports: the media's facts, the ladder it made and where it stored it
/// (<paramref name="OutputPrefix"/> holds <c>master.m3u8</c>, one folder per rendition and the thumbnail).
/// </summary>
[GenerateSerializer, Alias("TranscodeResult")]
public sealed record TranscodeResult(
    [property: Id(0)] double DurationSeconds,
    [property: Id(1)] int Width,
    [property: Id(2)] int Height,
    [property: Id(3)] IReadOnlyList<Rendition> Renditions,
    [property: Id(4)] string OutputPrefix = "")
{
    /// <summary>The thumbnail's name in <see cref="OutputPrefix"/>, beside the master playlist.</summary>
    public const string ThumbnailName = "thumbnail.jpg";
}
