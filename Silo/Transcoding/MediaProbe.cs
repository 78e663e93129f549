using FFMpegCore;
using FFMpegCore.Exceptions;

namespace Platform.Silo.Transcoding;

/// <summary>
/// Reads a source's facts with ffprobe (FFMpegCore), first of all: a file that is not a video
/// with a duration is refused at once as invalid media, without an encode or a retry.
/// </summary>
public static class MediaProbe
{
    /// <returns>The facts, or null when the file is not usable media.</returns>
    public static async Task<MediaFacts?> ProbeAsync(string path, CancellationToken ct)
    {
        IMediaAnalysis analysis;
        try
        {
            analysis = await FFProbe.AnalyseAsync(path, cancellationToken: ct);
        }
        catch (FFProbeProcessException)
        {
            return null; // ffprobe could not read it
        }
        catch (FormatException)
        {
            return null; // it read something it could not describe
        }
        if (analysis.PrimaryVideoStream is not { Width: int width and >= 2, Height: int height and >= 2 } video || analysis.Duration <= TimeSpan.Zero) return null;
        // A phone's portrait clip is often stored landscape with a rotation: the upright size counts.
        if (Math.Abs(video.Rotation) % 180 == 90) (width, height) = (height, width);
        return new MediaFacts(analysis.Duration, width, height, analysis.PrimaryAudioStream is not null);
    }
}
