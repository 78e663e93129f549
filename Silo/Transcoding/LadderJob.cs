using Platform.Grains.Transcoding;

namespace Platform.Silo.Transcoding;

/// <summary>One run of FFmpeg: a local input file to an HLS ladder in <see cref="OutputDirectory"/>.</summary>
public sealed record LadderJob(string InputPath, string OutputDirectory, IReadOnlyList<LadderRung> Rungs, bool HasAudio, int SegmentSeconds = 4);
