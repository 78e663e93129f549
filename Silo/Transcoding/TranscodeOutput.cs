using Platform.Grains.Transcoding;

namespace Platform.Silo.Transcoding;

/// <summary>A finished local transcode: the source's facts, the ladder made, and where its files are.</summary>
public sealed record TranscodeOutput(MediaFacts Facts, IReadOnlyList<LadderRung> Rungs, string HlsDirectory, string Thumbnail);
