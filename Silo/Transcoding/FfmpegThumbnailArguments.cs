using System.Globalization;

namespace Platform.Silo.Transcoding;

/// <summary>One JPEG frame, 320 px wide, taken a little way into the video (not its often black first frame).</summary>
public static class FfmpegThumbnailArguments
{
    public const int Width = 320;

    public static IReadOnlyList<string> For(string input, string output, TimeSpan duration)
    {
        var at = TimeSpan.FromSeconds(Math.Min(2, duration.TotalSeconds / 3));
        return ["-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-ss", at.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture), "-i", input,
            "-frames:v", "1", "-vf", $"scale={Width}:-2", "-q:v", "3", output];
    }
}
