namespace Platform.Testing;

/// <summary>Inputs made at test time with FFmpeg's lavfi sources: a test pattern, and a tone when asked.</summary>
public static class TestMedia
{
    /// <param name="faststart">The index (moov) at the front: then a truncated copy still probes whole.</param>
    public static async Task<string> GenerateAsync(string path, int width, int height, int seconds, bool audio, bool faststart = false)
    {
        var args = new List<string> { "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate=30:duration={seconds}" };
        if (audio) args.AddRange(["-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds}"]);
        args.AddRange(["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]);
        if (audio) args.AddRange(["-c:a", "aac"]);
        if (faststart) args.AddRange(["-movflags", "+faststart"]);
        args.Add(path);
        var (exit, _, errors) = await ProcessRunner.RunAsync("ffmpeg", args);
        if (exit != 0) throw new InvalidOperationException($"ffmpeg could not make {path}: {errors}");
        return path;
    }
}
