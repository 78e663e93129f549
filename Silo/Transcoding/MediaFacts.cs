namespace Platform.Silo.Transcoding;

/// <summary>What probing found out about a source: how long it runs, its upright frame size, whether it has sound.</summary>
public sealed record MediaFacts(TimeSpan Duration, int Width, int Height, bool HasAudio);
