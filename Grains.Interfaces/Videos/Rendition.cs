namespace Platform.Grains.Interfaces.Videos;

/// <summary>One rung of the HLS ladder.</summary>
[GenerateSerializer, Alias("Rendition")]
public sealed record Rendition(
    [property: Id(0)] string Name,
    [property: Id(1)] int Width,
    [property: Id(2)] int Height,
    [property: Id(3)] int Bandwidth);
